/**
 * The renderer-neutral document model. Templates become this; the DOCX and
 * PDF renderers read only this, so both formats say the same words.
 */
import type { ExhibitColumn } from '../config/schema';
import type { CaseRecord, ChallengeGround, Relief } from '../domain';

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** A page number filled in at layout: the first page of an exhibit. */
export interface PageRefRun {
  pageRef: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type Run = TextRun | PageRefRun;
export type Line = Run[];
export type Align = 'left' | 'center' | 'right' | 'justify';

export type Block =
  /** level 1: centred and bookmarked; 2-3: left, kept with the next block. */
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; align: Align; indent: boolean }
  /** "1." and its text, with a hanging indent. */
  | { kind: 'numbered'; number: string; runs: Run[] }
  /** Single-spaced, indented on both sides. */
  | { kind: 'quote'; runs: Run[] }
  /** Each line on its own grid line, centred (or as aligned). */
  | { kind: 'lines'; lines: Line[]; align: Align }
  | { kind: 'pageBreak' }
  /** Attorney block: from line 1, left of centre; the clerk's space on the right through line 7. */
  | { kind: 'attorney'; lines: Line[] }
  /** Court title, centred, on line 8. */
  | { kind: 'court'; lines: Line[] }
  | { kind: 'caption'; left: Line[]; right: Line[] }
  | { kind: 'signature'; left: Line[]; right: Line[] }
  /** Places the exhibit with this letter (a part of its own). */
  | { kind: 'exhibit'; letter: string };

/** A column of an exhibit: one the config can choose, or a notice of challenge's Ground. */
export type ExhibitColumnKey = ExhibitColumn | 'ground';

export interface ExhibitColumnSpec {
  key: ExhibitColumnKey;
  header: string;
  /** Relative width. */
  width: number;
  align: 'left' | 'right';
}

export interface Exhibit {
  letter: string;
  /** "EXHIBIT A" */
  title: string;
  /** Cover text under the title, e.g. "List of 62,014 convictions". */
  description: string;
  columns: ExhibitColumnSpec[];
  /** The filing's cases in exhibit order (or one volume's share). Cells come from exhibitCells(). */
  cases: readonly CaseRecord[];
  /** Row numbers start at firstRow + 1 (a volume continues the numbering). */
  firstRow: number;
  /** Set when the exhibit is split into volumes. */
  volume?: { n: number; of: number };
  /** Court id -> the name the clerk knows. */
  courtNames: ReadonlyMap<string, string>;
  /** The Relief column's words, from the law table (templates/law.yaml); RELIEF_LABEL when absent. */
  reliefLabels?: Readonly<Record<Relief, string>>;
  /** A notice of challenge's Ground column words (law.yaml challenge.grounds.<ground>.label). */
  groundLabels?: Readonly<Record<ChallengeGround, string>>;
  /** The table's type size in points (config exhibit.font_size); EXHIBIT.fontSize when absent. */
  fontSize?: number;
}

export type Part =
  | { kind: 'pleading'; blocks: Block[] }
  | { kind: 'exhibit'; exhibit: Exhibit };

export interface DocumentModel {
  /** motion or order */
  kind: string;
  /** Document title: PDF Title, the first bookmark. */
  title: string;
  /** Rule 2.110 footer title on every pleading page. */
  footer: string;
  /** The filing agency: PDF Author. */
  author: string;
  subject: string;
  /** Stamp every page DRAFT - NOT FOR FILING (generate --draft). */
  draft?: boolean;
  parts: Part[];
}

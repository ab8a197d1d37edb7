/**
 * Compose: a filing's view, merged into its template, parsed into the
 * document model. Pure; every failure is a diagnostic.
 */
import type { Config } from '../config/schema';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { exhibitFor } from '../model/exhibit';
import { MarkupError, parseMarkup } from '../model/markup';
import type { Block, DocumentModel, Part } from '../model/types';
import type { ChallengeGround, Relief } from '../domain';
import type { Filing } from '../plan';
import type { CompiledSet, TemplateSet } from './handlebars';
import { filingView } from './view';

export const DOCUMENT_KINDS = ['motion', 'order'] as const;
/** A notice of challenge (HS 11361.9) is one document: the notice, with its exhibit; no order. */
export const CHALLENGE_DOCUMENT_KINDS = ['notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number] | (typeof CHALLENGE_DOCUMENT_KINDS)[number];

/** The documents a filing renders, in order. */
export const documentKinds = (filing: Filing): readonly DocumentKind[] => (filing.challenge ? CHALLENGE_DOCUMENT_KINDS : DOCUMENT_KINDS);

export function composeDocument(
  kind: DocumentKind,
  filing: Filing,
  config: Config,
  asOf: string,
  templates: { compiled: CompiledSet; set: TemplateSet },
): { model?: DocumentModel; diagnostics: Diagnostic[] } {
  const facts = filingView(filing, config, asOf);
  // The plan files relief beyond the statute only on a stated basis; a document without one would be false.
  if (filing.beyondStatute && !facts.agency.beyondStatuteBasis) {
    throw new Error(`filing ${filing.id} goes beyond the statute but agency ${filing.agency} states no beyond_statute_basis`);
  }
  // The law table's values are rendered against the facts; a statement marked confirm only when the config asks.
  const asked = new Set(config.confirmed_law);
  if (facts.hearing.withoutHearing) asked.add('hearing.without_hearing');
  if (facts.order.presidingJudge) asked.add('order.presiding_judge');
  const law = templates.compiled.law(facts, asked);
  if (!law.law) return { diagnostics: law.diagnostics };
  const view = {
    ...facts,
    law: law.law,
    relief: (law.law.reliefs as Record<string, unknown>)[filing.relief],
    lateFiling: asOf > templates.compiled.lateAfter,
  };
  const origin = templates.set.documents.get(kind)?.origin ?? kind;
  const r = templates.compiled.render(kind, view);
  if (r.text === undefined) return { diagnostics: r.diagnostics };
  let parsed;
  try {
    parsed = parseMarkup(r.text);
  } catch (e) {
    if (e instanceof MarkupError) {
      return { diagnostics: [diag('BM704', { file: origin }, `the ${kind} for ${filing.id}, as rendered, breaks the markup at its line ${e.line}: ${e.message}`, 'see docs/templates.md for the markup')] };
    }
    throw e;
  }
  const missing = ['title', 'footer'].filter((k) => !parsed.meta[k]);
  if (missing.length) {
    return { diagnostics: [diag('BM704', { file: origin }, `the ${kind} template sets no ${missing.join(' or ')} in its front matter`, 'start the template with ---, title: ..., footer: ..., ---')] };
  }
  const agency = config.agencies.find((a) => a.id === filing.agency)!;
  return {
    diagnostics: [],
    model: {
      kind,
      title: parsed.meta.title!,
      footer: parsed.meta.footer!,
      author: agency.name,
      subject: parsed.meta.subject ?? `${filing.caseCount.toLocaleString('en-US')} ${filing.caseType} ${filing.caseCount === 1 ? 'case' : 'cases'}: ${filing.challenge ? 'challenged' : filing.relief.replace(/_/g, ' ')}`,
      parts: toParts(parsed.blocks, filing, config, templates.compiled.reliefLabels, templates.compiled.groundLabels),
    },
  };
}

/** An exhibit block ends the pleading part and starts an exhibit part. */
function toParts(blocks: Block[], filing: Filing, config: Config, labels: Record<Relief, string>, grounds: Record<ChallengeGround, string>): Part[] {
  const parts: Part[] = [];
  let current: Block[] = [];
  for (const b of blocks) {
    if (b.kind === 'exhibit') {
      if (current.length) parts.push({ kind: 'pleading', blocks: current });
      current = [];
      parts.push({ kind: 'exhibit', exhibit: exhibitFor(filing, config, b.letter, labels, grounds) });
    } else current.push(b);
  }
  if (current.length) parts.push({ kind: 'pleading', blocks: current });
  return parts;
}

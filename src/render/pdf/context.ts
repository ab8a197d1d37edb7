/**
 * One run's PDF rendering state, made by the run and handed to every render
 * call: the fonts, the font subsets made from them, the exhibit tables
 * measured and drawn (shared by the motion and the order), and the buffer
 * page operators are written into. Nothing is kept between runs or at module
 * level: two runs in one process (the tests, the bench) share nothing, and
 * every cache is the run's, so it is keyed by the run's fonts and metrics.
 */
import { OpsBuffer } from './content';
import { FontSubsets } from './font-set';
import type { FontBytes, Metrics } from './fonts';
import { ExhibitTables } from './table-streams';

export interface RenderFonts {
  bytes: FontBytes;
  metrics: Metrics;
}

export interface RenderContext {
  readonly fonts: RenderFonts;
  readonly subsets: FontSubsets;
  readonly tables: ExhibitTables;
  readonly ops: OpsBuffer;
  /** Forget one exhibit's (or volume's) table once every document using it is drawn. */
  forgetTable(cases: readonly unknown[]): void;
  /** Forget every measured table (after each filing, to bound memory); the font subsets stay. */
  forgetTables(): void;
  /** The run is over: let go of everything it kept. */
  dispose(): void;
}

export function createRenderContext(fonts: RenderFonts): RenderContext {
  const ops = new OpsBuffer();
  const subsets = new FontSubsets(fonts.bytes);
  const tables = new ExhibitTables(fonts.metrics, ops);
  return {
    fonts,
    subsets,
    tables,
    ops,
    forgetTable: (cases) => tables.forget(cases),
    forgetTables: () => tables.clear(),
    dispose() {
      tables.clear();
      subsets.clear();
      ops.release();
    },
  };
}

/**
 * Which documents go in which office's packet: every document record of the
 * filings the plan gives that agency (motions, orders, exhibit volumes, and
 * any other document a filing has), in the run's own order. Pure.
 */
import type { Agency, Config } from '../config/schema';
import type { OutputRecord } from '../output/manifest';
import type { Plan } from '../plan';

/** Where the packets go, under --out. */
export const PACKET_DIR = 'packets';

export interface Packet {
  agency: Agency;
  /** `packets/<agency id>.zip`, relative to --out. */
  path: string;
  /** The agency's filings, in plan order, with their case counts. */
  filings: Array<{ id: string; caseCount: number }>;
  /** The documents in a fixed order: filing by filing (plan order), motion, order, then other kinds by name; volume by volume; DOCX before PDF. */
  documents: OutputRecord[];
}

export const packetPath = (agencyId: string) => `${PACKET_DIR}/${agencyId}.zip`;

/** One packet per agency with at least one document, in the config's agency order. */
export function planPackets(plan: Plan, config: Config, records: readonly OutputRecord[]): Packet[] {
  const agencyOfFiling = new Map(plan.filings.map((f) => [f.id, f.agency]));
  const filingRank = new Map(plan.filings.map((f, i) => [f.id, i]));
  const packets: Packet[] = [];
  for (const agency of config.agencies) {
    const filings = plan.filings.filter((f) => f.agency === agency.id).map((f) => ({ id: f.id, caseCount: f.caseCount }));
    const documents = records.filter((r) => r.path.includes('/') && agencyOfFiling.get(filingOf(r.path)) === agency.id).sort(byFilingOrder(filingRank));
    if (documents.length) packets.push({ agency, path: packetPath(agency.id), filings, documents });
  }
  return packets;
}

const filingOf = (p: string) => p.slice(0, p.indexOf('/'));
const KIND_RANK: Record<string, number> = { motion: 0, order: 1 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The same order however the run came by its records (rendered, or kept from
 * the previous run, whose manifest lists them by path).
 */
function byFilingOrder(rank: ReadonlyMap<string, number>) {
  return (a: OutputRecord, b: OutputRecord) =>
    rank.get(filingOf(a.path))! - rank.get(filingOf(b.path))! ||
    (KIND_RANK[a.kind] ?? 2) - (KIND_RANK[b.kind] ?? 2) ||
    cmp(a.kind, b.kind) ||
    (a.volume ?? 1) - (b.volume ?? 1) ||
    cmp(a.format, b.format) ||
    cmp(a.path, b.path);
}

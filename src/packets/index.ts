/**
 * A packet per office (generate --packets): `packets/<agency id>.zip` holding
 * the office's documents and a cover.pdf listing them. Built after every
 * document is staged, from the staged files and their records, so a packet
 * holds exactly the bytes the manifest lists.
 */
import type { Readable } from 'node:stream';
import type { Config } from '../config/schema';
import type { OutputRecord } from '../output/manifest';
import type { Plan } from '../plan';
import type { FontBytes } from '../render/pdf/fonts';
import type { StreamedFile } from '../io/staging';
import { renderCover } from './cover';
import { planPackets } from './plan';
import { packetZip } from './zip';

export { COVER_NOTE, coverRows, renderCover } from './cover';
export { PACKET_DIR, packetPath, planPackets, type Packet } from './plan';
export { COVER_NAME, packetZip } from './zip';

export interface PacketsInput {
  plan: Plan;
  config: Config;
  /** Every document record of the run (staged already). */
  records: readonly OutputRecord[];
  asOf: string;
  producer: string;
  fonts: FontBytes;
  draft?: boolean;
  /** Where the documents were staged, and where the packets go. */
  stage: { put(f: StreamedFile): Promise<OutputRecord>; read(path: string): Readable };
  signal?: AbortSignal;
}

/** Writes every office's packet to the stage; returns their records (kind 'packet', format 'zip'). */
export async function writePackets(input: PacketsInput): Promise<OutputRecord[]> {
  const out: OutputRecord[] = [];
  for (const packet of planPackets(input.plan, input.config, input.records)) {
    input.signal?.throwIfAborted();
    const cover = await renderCover(packet, input.fonts, { asOf: input.asOf, producer: input.producer, ...(input.draft ? { draft: true } : {}) });
    const entries = packet.documents.map((d) => ({ name: d.path, bytes: d.bytes, open: () => input.stage.read(d.path) }));
    out.push(await input.stage.put({ path: packet.path, kind: 'packet', format: 'zip', stream: () => packetZip(cover, entries, input.asOf) }));
  }
  return out;
}

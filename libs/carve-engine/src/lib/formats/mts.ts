import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FileKind, FormatMatch } from '../types.js';
import { PidTable } from './mts-tables.js';
import { completeMatch, corruptMatch, outOfBytes } from './shared/match-result.js';

const SYNC = 0x47;
/** checkHeader wants this many sync bytes in a row at the packet stride. */
export const SYNC_RUN = 5;
/** A real stream starts with its tables: a PAT (PID 0) must come within this many packets. */
export const PAT_WITHIN = 32;
/** BDAV streams (AVCHD .MTS, Blu-ray .m2ts) are written in aligned units of 32 source packets (6144 bytes). */
export const ALIGNED_UNIT = 32;
/** Packets checked per read (192 KiB of 192-byte packets). */
const BATCH = 1024;

interface Layout {
  /** 192 for BDAV source packets (4-byte arrival timestamp first), 188 for plain TS packets. */
  readonly stride: 188 | 192;
  /** Where the sync byte sits in a packet. */
  readonly sync: 0 | 4;
  readonly kind: FileKind;
}

const BDAV: Layout = { stride: 192, sync: 4, kind: { id: 'mts', extension: 'mts', mimeType: 'video/mp2t' } };
const PLAIN: Layout = { stride: 188, sync: 0, kind: { id: 'ts', extension: 'ts', mimeType: 'video/mp2t' } };

/** A packet header the structure allows: the sync byte, and not the reserved adaptation_field_control 00. */
const packetAt = (b: Buffer, p: number): boolean => b[p] === SYNC && (b[p + 3] & 0x30) !== 0;

function layoutOf(head: Buffer): Layout | undefined {
  return [BDAV, PLAIN].find((l) => head.length >= l.stride * SYNC_RUN && Array.from({ length: SYNC_RUN }, (_, i) => l.sync + i * l.stride).every((p) => packetAt(head, p)));
}

/**
 * MPEG transport streams: AVCHD/Blu-ray BDAV (.mts/.m2ts, 192-byte packets) and plain .ts (188-byte). A
 * stream has no terminator: it ends where the packet structure stops (a sync byte missing, a reserved
 * packet header, or a PID the stream's own PAT/PMT do not declare).
 */
export const mtsFormat: CarveFormat = {
  id: 'mts',
  extensions: ['mts', 'm2ts', 'ts'],
  mimeType: 'video/mp2t',
  // The first packet starts a table (payload_unit_start set, PID < 0x100: the PAT or the SDT).
  signatures: [
    { offset: 4, bytes: [SYNC, 0x40] },
    { offset: 0, bytes: [SYNC, 0x40] },
  ],
  maxSize: 4 * 1024 * 1024 * 1024,
  headerBytes: 192 * SYNC_RUN,
  checkHeader: (head) => layoutOf(head) !== undefined,
  match(source, offset, limits) {
    return walkPackets(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
};

async function walkPackets(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const head = await reader.bytes(start, Math.min(mtsFormat.headerBytes, reader.end - start));
  const layout = head && layoutOf(head);
  if (!layout) return null;
  const { stride, sync, kind } = layout;
  let packets = 0;
  const tables = new PidTable();
  // The packets stopped after `packets` whole ones: a BDAV stream must stop on an aligned unit.
  const stopped = (): FormatMatch | null => {
    if (!tables.patSeen) return null;
    const into = packets % ALIGNED_UNIT;
    if (stride === 188 || into === 0) return completeMatch(packets * stride, { kind });
    return corruptMatch(packets * stride, `the packets stop ${into} packets into a ${ALIGNED_UNIT}-packet aligned unit, at ${start + packets * stride}`, { kind });
  };
  for (;;) {
    const pos = start + packets * stride;
    const count = Math.min(BATCH, Math.floor((reader.end - pos) / stride));
    if (count === 0) break;
    const block = await reader.bytes(pos, count * stride);
    if (block === null) break;
    for (let i = 0; i < count; i++, packets++) {
      const p = i * stride + sync;
      if (!packetAt(block, p) || !tables.belongs(((block[p + 1] & 0x1f) << 8) | block[p + 2])) return stopped();
      tables.see(block, p);
      if (!tables.patSeen && packets + 1 >= PAT_WITHIN) return null;
    }
  }
  // The readable bytes end: at the source's end, a partial packet that starts right means truncated.
  if (!tables.patSeen) return null;
  const pos = start + packets * stride;
  const rest = reader.end - pos;
  if (!reader.endIsSourceEnd) return corruptMatch(pos - start, `no end of the packets within the ${reader.end - start}-byte size limit`, { kind });
  if (rest > sync && (await reader.byte(pos + sync)) !== SYNC) return stopped();
  if (rest > 0) return outOfBytes(reader, start, 'its last packet is whole', { kind });
  if (stride === 192 && packets % ALIGNED_UNIT !== 0) return outOfBytes(reader, start, 'its last aligned unit is whole', { kind });
  return stopped();
}

import type { HfsContext } from './hfs-context.js';

const IN_FS = 0x1; // kJIJournalInFSMask
const ON_OTHER_DEVICE = 0x2; // kJIJournalOnOtherDeviceMask
const NEED_INIT = 0x4; // kJIJournalNeedInitMask
const MAGIC = 0x4a4e4c78; // 'JNLx'
const OLD_MAGIC = 0x4a484452; // 'JHDR', journals of Mac OS X 10.2
const ENDIAN = 0x12345678;
/** The largest journal this reader scans (macOS makes them 8 MiB to 1 GiB). */
export const MAX_JOURNAL_BYTES = 1024 * 1024 * 1024;
const MAX_BLHDR_BYTES = 1024 * 1024; // 65536 block_info entries: more than num_blocks (u16) can count

/** Reads journal integers in the byte order of the machine that wrote the journal. */
export interface Endian {
  readonly little: boolean;
  u16(bytes: Buffer, at: number): number;
  u32(bytes: Buffer, at: number): number;
  /** A u64, or NaN past 2^53 (no journal offset or size gets there). */
  u64(bytes: Buffer, at: number): number;
}

export function endian(little: boolean): Endian {
  const big = (v: bigint) => (v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.NaN : Number(v));
  return little
    ? { little, u16: (b, at) => b.readUInt16LE(at), u32: (b, at) => b.readUInt32LE(at), u64: (b, at) => big(b.readBigUInt64LE(at)) }
    : { little, u16: (b, at) => b.readUInt16BE(at), u32: (b, at) => b.readUInt32BE(at), u64: (b, at) => big(b.readBigUInt64BE(at)) };
}

/** TN1150's journal checksum over `bytes`: c = (c << 8) ^ (c + byte), inverted at the end. */
export function journalChecksum(bytes: Buffer): number {
  let c = 0;
  for (const b of bytes) c = (c << 8) ^ ((c + b) | 0);
  return ~c >>> 0;
}

/** The journal header (TN1150 journal_header) and where the journal lies in the volume. */
export interface JournalHeader {
  /** Volume byte where the journal (its header first) starts: JournalInfoBlock.offset. */
  at: number;
  /** Bytes of the journal: the header's jhdr_size bytes, then the circular buffer up to here. */
  size: number;
  endian: Endian;
  /** Oldest un-replayed transaction and where the next one goes; equal when the journal is clean. */
  start: number;
  end: number;
  blhdrSize: number;
  /** The journal header's size, one sector: also the unit of a block's bnum. */
  jhdrSize: number;
  sequence: number;
  checksumOk: boolean;
}

/**
 * Finds the journal the way TN1150 lays it out: the volume header's journalInfoBlock (an allocation
 * block) holds a big-endian JournalInfoBlock (flags u32, device_signature 32 bytes, offset u64 at
 * 36, size u64 at 44); only a journal in this volume (kJIJournalInFSMask) is read, `offset` counted
 * from the start of the HFS+ volume. The journal header there is in the writer's byte order: its
 * endian field reads 0x12345678 in that order. Damage ends the search with a note, never a throw.
 */
export async function readJournalHeader(ctx: HfsContext, notes: string[]): Promise<JournalHeader | undefined> {
  const { header, volume } = ctx;
  const infoBlock = header.journalInfoBlock;
  if (infoBlock === 0 || infoBlock >= header.totalBlocks) return void notes.push(`the journal info block (${infoBlock}) lies outside the volume's ${header.totalBlocks} blocks`);
  const jib = await volume.read(infoBlock * header.blockSize, 52);
  if (jib.length < 52) return void notes.push(`the journal info block at block ${infoBlock} lies past the end of ${ctx.source.label}`);
  const flags = jib.readUInt32BE(0);
  if (flags & ON_OTHER_DEVICE || !(flags & IN_FS)) return void notes.push(`the journal is on another device (journal info flags 0x${flags.toString(16)}): not searched`);
  if (flags & NEED_INIT) return void notes.push('the journal was never initialised (kJIJournalNeedInitMask): it holds nothing');
  const at = endian(false).u64(jib, 36);
  const size = endian(false).u64(jib, 44);
  if (!(size > 0)) return void notes.push(`the journal info block gives the journal a size of ${size} bytes`);
  if (size > MAX_JOURNAL_BYTES) return void notes.push(`the journal claims ${size} bytes, more than the ${MAX_JOURNAL_BYTES} this reader scans`);
  const volumeEnd = Math.min(volume.size, header.totalBlocks * header.blockSize);
  if (!(at >= 0) || at + size > volumeEnd) return void notes.push(`the journal (${size} bytes at volume byte ${at}) runs past the volume's ${volumeEnd} bytes`);
  return parseJournalHeader(await volume.read(at, Math.min(size, 512)), at, size, notes);
}

/** The journal header in `bytes` (at least its first 48), checked field by field against `size`. */
export function parseJournalHeader(bytes: Buffer, at: number, size: number, notes: string[]): JournalHeader | undefined {
  if (bytes.length < 48) return void notes.push(`the journal (${size} bytes) is too small for its header`);
  const order = [endian(false), endian(true)].find((e) => e.u32(bytes, 4) === ENDIAN);
  if (!order) return void notes.push(`the journal header's endian field is 0x${bytes.readUInt32BE(4).toString(16)}, not 0x12345678 in either byte order: not read`);
  const magic = order.u32(bytes, 0);
  if (magic !== MAGIC && magic !== OLD_MAGIC) return void notes.push(`the journal header's magic is 0x${magic.toString(16)}, not 'JNLx' (0x4a4e4c78): not read`);
  const jhdrSize = order.u32(bytes, 40);
  if (jhdrSize < 512 || jhdrSize > 65536 || (jhdrSize & (jhdrSize - 1)) !== 0 || jhdrSize * 2 > size) {
    return void notes.push(`the journal header's jhdr_size ${jhdrSize} is not a sector size (a power of two from 512 to 65536) that fits the journal`);
  }
  const claimed = order.u64(bytes, 24);
  if (claimed !== size) notes.push(`the journal header says ${claimed} bytes, its info block ${size}: the smaller is used`);
  const usable = Math.min(size, claimed > 0 ? claimed : size);
  const whole = usable - (usable % jhdrSize);
  const blhdrSize = order.u32(bytes, 32);
  if (blhdrSize < 32 || blhdrSize > MAX_BLHDR_BYTES || blhdrSize > whole - jhdrSize) {
    return void notes.push(`the journal header's blhdr_size ${blhdrSize} is not a block list header size that fits the journal`);
  }
  const wrap = (v: number) => (v === whole ? jhdrSize : v);
  const start = wrap(order.u64(bytes, 8));
  const end = wrap(order.u64(bytes, 16));
  for (const [name, v] of [['start', start], ['end', end]] as const) {
    if (!(v >= jhdrSize && v < whole) || v % jhdrSize !== 0) return void notes.push(`the journal header's ${name} (${v}) is not a sector offset inside the journal's circular buffer (${jhdrSize}..${whole})`);
  }
  const copy = Buffer.from(bytes.subarray(0, 44));
  copy.fill(0, 36, 40);
  const checksumOk = journalChecksum(copy) === order.u32(bytes, 36);
  if (!checksumOk) notes.push('the journal header checksum does not match: its fields are used as far as they are in range');
  return { at, size: whole, endian: order, start, end, blhdrSize, jhdrSize, sequence: magic === MAGIC ? order.u32(bytes, 44) : 0, checksumOk };
}

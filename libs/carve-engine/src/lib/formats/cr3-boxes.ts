import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { ByteRun } from '../types.js';
import { walkJpeg } from './jpeg-walk.js';
import type { TopLevelWalk } from './shared/isobmff-top-level.js';
import { fourcc, readBox, readChildren, type Box } from './shared/isobmff.js';

/** The uuid of the box in moov that holds Canon's metadata (CNCV, CCTP, CTBO, CMT1–4, THMB). */
export const CANON_UUID = '85c0b687820f11e08111f4ce462b6a48';
/** The top-level uuid box that holds the PRVW preview (a 1620×1080 JPEG on recent bodies). */
export const PREVIEW_UUID = 'eaf42b5e1c984b88b9fbb7dc406e4d16';
/** PRVW and THMB: their JPEG starts 24 bytes into the box, its length at 20 (PRVW) or 16 (THMB). */
export const JPEG_AT = 24;
export const PRVW_LENGTH_AT = 20;
export const THMB_LENGTH_AT = 16;

/** How far a JPEG box checks out: `end` is where its verified bytes end (absolute). */
interface JpegBoxCheck {
  readonly end: number;
  readonly problem?: string;
}

/**
 * Checks the JPEG a PRVW or THMB box holds (the box's own bytes: [box.start, limit)): its declared
 * length must fit the box, and the JPEG walker must find the stream whole within that length. A stream
 * the source cuts short is no problem (the file is truncated); one that breaks is damage, and the
 * verified bytes end where it breaks.
 */
async function checkJpegBox(source: CarveSource, reader: BoundedReader, box: Box, limit: number, lengthAt: number, what: string): Promise<JpegBoxCheck> {
  const at = (pos: number): number => pos - box.start;
  const declared = await reader.bytes(box.start + lengthAt, 4);
  const jpeg = box.start + JPEG_AT;
  if (declared === null) return { end: reader.end };
  const length = declared.readUInt32BE(0);
  const room = limit - jpeg;
  if (room < 0) return { end: box.start, problem: `${what} is too small (${limit - box.start} bytes) for its header` };
  const fits = length <= room ? undefined : `${what} says its JPEG has ${length} bytes, but the box has room for ${room}`;
  const jpegReader = new BoundedReader(source, jpeg, Math.min(length, room, reader.end - jpeg)).streaming();
  try {
    const walked = await walkJpeg(jpegReader, jpeg);
    // The source ends inside the stream (no problem: the file is truncated), or the stream broke.
    const cutShort = jpegReader.endIsSourceEnd && jpegReader.end < jpeg + Math.min(length, room);
    if (walked === null) return cutShort ? { end: reader.end } : { end: jpeg, problem: `${what} holds no JPEG stream at byte ${at(jpeg)} of the box` };
    const { state, reasons } = walked.validation;
    if (state === 'corrupt') return { end: jpeg + walked.length, problem: `${what}'s JPEG breaks ${walked.length} bytes in (${reasons[0] ?? 'damaged'})` };
    if (state === 'truncated') return { end: reader.end, ...(fits ? { problem: fits } : {}) };
    return fits ? { end: jpeg + walked.length, problem: fits } : { end: limit };
  } finally {
    jpegReader.release();
  }
}

/** What the check of Canon's own boxes found. */
export interface CanonBoxCheck {
  /** Damage in the preview or thumbnail boxes. */
  readonly problems: readonly string[];
  /** Bytes of the preview box the check could not verify (past a broken JPEG, past the PRVW box). */
  readonly payload: readonly ByteRun[];
  /** The preview box, when there is one, and where its verified bytes end. */
  readonly preview?: { readonly box: Box; readonly end: number; readonly problem?: string };
}

/**
 * Checks the boxes Canon adds to a CR3 (layout as documented by the community, lclevy/canon_cr3): the
 * top-level preview uuid box (8 bytes, then a PRVW box: a JPEG) and, in the moov, Canon's box whose
 * THMB holds a 160×120 JPEG. Each must hold its children within its own size, and each JPEG must be
 * whole: a preview box whose size claims more than its PRVW (a file cut short there, whose size field
 * reaches into whatever followed it on the disk) is found out.
 */
export async function checkCanonBoxes(source: CarveSource, reader: BoundedReader, walk: TopLevelWalk): Promise<CanonBoxCheck> {
  const problems: string[] = [];
  const payload: ByteRun[] = [];
  const moov = walk.boxes.find((b) => b.type === 'moov' && !b.toEnd);
  const canon = moov ? (await readChildren(reader, moov)).boxes.find((b) => b.uuid === CANON_UUID) : undefined;
  if (canon) {
    const children = await readChildren(reader, canon);
    if (children.problem) problems.push(`Canon's metadata box: ${children.problem}`);
    const thmb = children.boxes.find((b) => b.type === 'THMB');
    const check = thmb ? await checkJpegBox(source, reader, thmb, thmb.end, THMB_LENGTH_AT, 'the THMB thumbnail box') : undefined;
    if (check?.problem) problems.push(check.problem);
  }
  const stop = walk.stop.kind === 'inside' || walk.stop.kind === 'to-end' ? [walk.stop.box] : [];
  const box = [...walk.boxes, ...stop].find((b) => b.uuid === PREVIEW_UUID);
  if (!box) return { problems, payload };
  const preview = await checkPreviewBox(source, reader, box);
  if (preview.problem) problems.push(preview.problem);
  // A broken JPEG may have been read over a foreign file; bytes past the PRVW box are nobody's. Each
  // run starts at a byte of the box's own (the JPEG's SOI, the last verified byte), never counted.
  const from = preview.problem ? Math.min(box.contentStart + 8 + JPEG_AT, preview.end) : preview.end - 1;
  const to = Math.min(box.end, reader.end);
  if (to - from > 1) payload.push({ offset: from, length: to - from });
  return { problems, payload, preview: { box, ...preview } };
}

/** The preview uuid box: 8 bytes, then the PRVW box, which must lie within it, then its JPEG. */
async function checkPreviewBox(source: CarveSource, reader: BoundedReader, box: Box): Promise<JpegBoxCheck> {
  const start = box.contentStart + 8;
  const read = await readBox(reader, start, box.end);
  if (read.kind === 'out-of-data') return { end: reader.end };
  if (read.kind === 'invalid') return { end: start, problem: `the preview box: ${read.reason}` };
  const prvw = read.box;
  if (prvw.type !== 'PRVW') return { end: start, problem: `the preview box holds ${fourcc(prvw.type)}, not PRVW` };
  const past = prvw.end > box.end ? `the PRVW box (${prvw.end - prvw.start} bytes) runs past the end of its preview box` : undefined;
  const check = await checkJpegBox(source, reader, prvw, Math.min(prvw.end, box.end), PRVW_LENGTH_AT, 'the PRVW preview');
  return past && !check.problem ? { end: check.end, problem: past } : check;
}

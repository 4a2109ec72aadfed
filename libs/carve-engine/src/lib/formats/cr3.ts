import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarvedFile } from '../types.js';
import { ftypFormat } from './isobmff-format.js';
import { largestViewableJpeg, type EmbeddedJpeg } from './shared/embedded-jpeg.js';
import { fileView } from './shared/file-view.js';
import { walkTopLevel } from './shared/isobmff-top-level.js';
import { readChildren, type Box } from './shared/isobmff.js';

/** The uuid of the box in moov that holds Canon's metadata (CNCV, CCTP, CTBO, CMT1–4, THMB). */
export const CANON_UUID = '85c0b687820f11e08111f4ce462b6a48';
/** The top-level uuid box that holds the PRVW preview (a 1620×1080 JPEG on recent bodies). */
export const PREVIEW_UUID = 'eaf42b5e1c984b88b9fbb7dc406e4d16';

/**
 * Canon CR3 RAW (ftyp 'crx '): an ISO base media file whose moov holds Canon's metadata box and tracks
 * for the full-size JPEG, the RAW data and metadata. Ends with its last top-level box; complete when
 * the moov is whole and its chunks lie inside the file. Dimensions: the first track (the full-size JPEG).
 */
export const cr3Format = ftypFormat({
  id: 'cr3',
  extensions: ['cr3'],
  mimeType: 'image/x-canon-cr3',
  maxSize: 512 * 1024 * 1024,
  family: 'cr3',
  needs: 'movie',
  preview: cr3Preview,
});

/**
 * The larger of CR3's two embedded JPEGs: PRVW in the preview uuid box (after 8 bytes of its own) and
 * THMB (160×120) in the Canon box. Both are boxes whose JPEG starts 24 bytes in, its length at 16 (THMB)
 * or 20 (PRVW); layout as documented by the community (lclevy/canon_cr3).
 */
export async function cr3Preview(source: CarveSource, file: Pick<CarvedFile, 'byteRuns' | 'size'>, signal?: AbortSignal): Promise<Buffer | undefined> {
  const view = fileView(source, file.byteRuns);
  const reader = new BoundedReader(view, 0, Math.min(file.size, view.size), signal);
  const top = (await walkTopLevel(reader, 0)).boxes.filter((b) => !b.toEnd);
  const candidates: EmbeddedJpeg[] = [];
  const preview = top.find((b) => b.uuid === PREVIEW_UUID);
  const prvw = preview ? (await readChildren(reader, preview, preview.contentStart + 8)).boxes.find((b) => b.type === 'PRVW') : undefined;
  if (prvw) candidates.push(...(await embedded(reader, prvw, 20)));
  const moov = top.find((b) => b.type === 'moov');
  const canon = moov ? (await readChildren(reader, moov)).boxes.find((b) => b.uuid === CANON_UUID) : undefined;
  const thmb = canon ? (await readChildren(reader, canon)).boxes.find((b) => b.type === 'THMB') : undefined;
  if (thmb) candidates.push(...(await embedded(reader, thmb, 16)));
  return largestViewableJpeg(reader, candidates);
}

async function embedded(reader: BoundedReader, box: Box, lengthAt: number): Promise<EmbeddedJpeg[]> {
  const length = await reader.bytes(box.start + lengthAt, 4);
  const pos = box.start + 24;
  if (length === null || pos > box.end) return [];
  return [{ pos, length: Math.min(length.readUInt32BE(0), box.end - pos) }];
}

import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarvedFile, CarveFormat, FormatMatch } from '../types.js';
import { CANON_UUID, checkCanonBoxes, JPEG_AT, PREVIEW_UUID, PRVW_LENGTH_AT, THMB_LENGTH_AT, type CanonBoxCheck } from './cr3-boxes.js';
import { ftypFormat } from './isobmff-format.js';
import { largestViewableJpeg, type EmbeddedJpeg } from './shared/embedded-jpeg.js';
import { fileView } from './shared/file-view.js';
import { walkTopLevel } from './shared/isobmff-top-level.js';
import { readChildren, type Box } from './shared/isobmff.js';

export { CANON_UUID, PREVIEW_UUID } from './cr3-boxes.js';

const isobmff = ftypFormat({
  id: 'cr3',
  extensions: ['cr3'],
  mimeType: 'image/x-canon-cr3',
  maxSize: 512 * 1024 * 1024,
  family: 'cr3',
  needs: 'movie',
  preview: cr3Preview,
});

/**
 * Canon CR3 RAW (ftyp 'crx '): an ISO base media file whose moov holds Canon's metadata box and tracks
 * for the full-size JPEG, the RAW data and metadata. Ends with its last top-level box; complete when
 * the moov is whole and its chunks lie inside the file, and Canon's preview (PRVW) and thumbnail (THMB)
 * boxes hold whole JPEGs within their sizes. Dimensions: the first track (the full-size JPEG).
 */
export const cr3Format: CarveFormat = {
  ...isobmff,
  async match(source, offset, limits) {
    const found = await isobmff.match(source, offset, limits);
    if (!found) return null;
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    return withCanonBoxes(found, offset, await checkCanonBoxes(source, reader, await walkTopLevel(reader, offset)));
  },
};

/**
 * Damage in Canon's boxes makes a complete CR3 corrupt. When the file ends in the preview box (the
 * walk found nothing valid after it) and the box's size claims more than it verifiably holds (a CR3 cut
 * short there, its size field reaching into whatever followed it on the disk), the file is cut where
 * the verified bytes end.
 */
function withCanonBoxes(found: FormatMatch, offset: number, check: CanonBoxCheck): FormatMatch {
  const { preview } = check;
  const fileEnd = offset + found.length;
  let { state, reasons } = found.validation;
  if (preview && state !== 'complete' && preview.box.start < fileEnd && fileEnd <= preview.box.end && preview.end < fileEnd) {
    const { box, end } = preview;
    const why = preview.problem ?? `its PRVW box ends at byte ${end - offset}`;
    const cut = `the preview box at byte ${box.start - offset} claims ${box.end - box.start} bytes, but ${why}: the file is cut at byte ${end - offset}`;
    const others = check.problems.filter((p) => p !== preview.problem);
    const payload = [...(found.payload ?? []), ...check.payload].map((run) => ({ ...run, length: Math.min(run.length, end - run.offset) })).filter((run) => run.length > 1);
    const { payload: _payload, ...rest } = found;
    return { ...rest, length: end - offset, validation: { state: 'corrupt', reasons: [cut, ...others, ...reasons.filter((r) => !r.startsWith('cut at '))] }, ...(payload.length > 0 ? { payload } : {}) };
  }
  if (check.problems.length > 0) {
    reasons = [...reasons, ...check.problems];
    if (state === 'complete') state = 'corrupt';
  }
  const payload = [...(found.payload ?? []), ...check.payload];
  return { ...found, validation: { state, reasons }, ...(payload.length > 0 ? { payload } : {}) };
}

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
  if (prvw) candidates.push(...(await embedded(reader, prvw, PRVW_LENGTH_AT)));
  const moov = top.find((b) => b.type === 'moov');
  const canon = moov ? (await readChildren(reader, moov)).boxes.find((b) => b.uuid === CANON_UUID) : undefined;
  const thmb = canon ? (await readChildren(reader, canon)).boxes.find((b) => b.type === 'THMB') : undefined;
  if (thmb) candidates.push(...(await embedded(reader, thmb, THMB_LENGTH_AT)));
  return largestViewableJpeg(reader, candidates);
}

async function embedded(reader: BoundedReader, box: Box, lengthAt: number): Promise<EmbeddedJpeg[]> {
  const length = await reader.bytes(box.start + lengthAt, 4);
  const pos = box.start + JPEG_AT;
  if (length === null || pos > box.end) return [];
  return [{ pos, length: Math.min(length.readUInt32BE(0), box.end - pos) }];
}

import type { BoundedReader } from '../bounded-reader.js';
import type { FormatMatch } from '../types.js';
import type { MpfIndex } from './jpeg-mpf.js';

/**
 * A multi-picture JPEG keeps its secondary images after the first EOI: extend the file to the end of
 * the last one the MP index names, checking each starts with SOI and the last ends with EOI.
 */
export async function extendOverMpf(reader: BoundedReader, start: number, first: FormatMatch, mpf: MpfIndex): Promise<FormatMatch> {
  const firstEnd = start + first.length;
  const keepFirst = (reason: string): FormatMatch => ({ ...first, validation: { state: 'corrupt', reasons: [reason] } });
  if ('error' in mpf) return keepFirst(`MPF index unusable: ${mpf.error}`);
  if (mpf.images.length === 0) return first;
  let end = firstEnd;
  for (const [i, image] of mpf.images.entries()) {
    if (image.offset < firstEnd || image.size < 4) return keepFirst(`MPF image ${i + 2} at ${image.offset} (${image.size} bytes) overlaps the first image`);
    end = Math.max(end, image.offset + image.size);
  }
  const limit = reader.endIsSourceEnd ? Infinity : reader.end;
  if (end > limit) return keepFirst(`MPF images reach past the ${limit - start}-byte size limit`);
  for (const [i, image] of mpf.images.entries()) {
    const soi = await reader.bytes(image.offset, 2);
    if (soi === null) continue; // beyond the source's end: reported as truncated below
    if (soi[0] !== 0xff || soi[1] !== 0xd8) return keepFirst(`MPF image ${i + 2} at ${image.offset} does not start with SOI`);
  }
  if (end > reader.end) {
    const length = reader.end - start;
    return { ...first, length, validation: { state: 'truncated', reasons: [`the source ends ${length} bytes into the file, before its last MPF image ends at ${end - start}`] } };
  }
  const eoi = await reader.bytes(end - 2, 2);
  const reasons = eoi !== null && eoi[0] === 0xff && eoi[1] === 0xd9 ? [] : [`the last MPF image does not end with EOI at ${end - start}`];
  return { ...first, length: end - start, validation: { state: reasons.length ? 'corrupt' : 'complete', reasons } };
}

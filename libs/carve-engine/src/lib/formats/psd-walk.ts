import type { BoundedReader } from '../bounded-reader.js';
import type { FileKind, FormatMatch } from '../types.js';
import { imageDataEnd } from './psd-image-data.js';
import { PSD_HEAD_BYTES, readPsdHeader } from './psd-header.js';
import { checkLayers, checkResources, section, type SectionStep } from './psd-sections.js';
import { completeMatch, corruptMatch, outOfBytes, type MatchExtras } from './shared/match-result.js';

export const PSB_KIND: FileKind = { id: 'psb', extension: 'psb', mimeType: 'image/vnd.adobe.photoshop' };
/** Colour mode data is a 768-byte palette or duotone/HDR settings; anything near this is not real. */
const MAX_COLOUR_DATA = 16 * 1024 * 1024;

/**
 * Walks a PSD/PSB from its header at `start` through its five sections — header, colour mode data,
 * image resources, layer and mask information, image data — to the end of the merged image data, the
 * file's true end. A section that breaks cuts the file where it starts (corrupt).
 */
export async function walkPsd(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const head = await reader.bytes(start, Math.min(PSD_HEAD_BYTES, reader.end - start));
  const header = head && readPsdHeader(head);
  if (!header) return null;
  const extras: MatchExtras = { dimensions: { width: header.width, height: header.height }, ...(header.big ? { kind: PSB_KIND } : {}) };

  const colours = await section(reader, start + PSD_HEAD_BYTES, false, 'colour mode data');
  // The first length after the header is where random bytes give themselves away: no finding.
  if (colours.kind === 'ok' && !plausibleColourData(header.mode, colours.end - start - PSD_HEAD_BYTES - 4)) return null;
  const steps: [string, (from: number) => Promise<SectionStep>][] = [
    ['colour mode data', async () => colours],
    ['image resources', async (from) => stepInto(await section(reader, from, false, 'image resources'), (s) => checkResources(reader, from + 4, s.end))],
    ['layer and mask information', async (from) => stepInto(await section(reader, from, header.big, 'layer and mask'), (s) => checkLayers(reader, from + (header.big ? 8 : 4), s.end, header))],
    ['image data', (from) => imageDataEnd(reader, from, header)],
  ];
  let pos = start + PSD_HEAD_BYTES;
  for (const [name, step] of steps) {
    const result = await step(pos);
    if (result.kind === 'out-of-data') return outOfBytes(reader, start, `the end of its ${name}`, extras);
    if (result.kind === 'invalid') return corruptMatch(pos - start, `${name} at offset ${pos - start}: ${result.reason}`, extras);
    if (result.end > reader.end) return outOfBytes(reader, start, `the end of its ${name} at offset ${result.end - start}`, extras);
    pos = result.end;
  }
  return completeMatch(pos - start, extras);
}

/** Indexed colour needs its 768-byte palette; other modes hold a little (duotone or HDR settings) or nothing. */
function plausibleColourData(mode: number, length: number): boolean {
  return mode === 2 ? length === 768 : length <= MAX_COLOUR_DATA;
}

/** Checks a section's insides once its length is known and readable. */
async function stepInto(outer: SectionStep, inner: (s: { end: number }) => Promise<SectionStep>): Promise<SectionStep> {
  return outer.kind === 'ok' ? inner(outer) : outer;
}

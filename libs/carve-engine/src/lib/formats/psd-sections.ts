import type { BoundedReader } from '../bounded-reader.js';
import type { PsdHeader } from './psd-header.js';

/** Real documents have a few dozen image resources; this stops hostile input. */
export const MAX_PSD_RESOURCES = 65_536;
/** Signatures image resource blocks are seen with ('8BIM' from Photoshop, the rest from other Adobe tools). */
const RESOURCE_SIGNATURES = new Set(['8BIM', 'MeSa', 'AgHg', 'PHUT', 'DCSR']);

export type SectionStep = { kind: 'ok'; end: number } | { kind: 'out-of-data' } | { kind: 'invalid'; reason: string };

/** A section's length field (4 bytes; 8 in a PSB where `wide`) and the section's end. */
export async function section(reader: BoundedReader, pos: number, wide: boolean, name: string): Promise<SectionStep> {
  const field = await reader.bytes(pos, wide ? 8 : 4);
  if (field === null) return { kind: 'out-of-data' };
  const length = wide ? Number(field.readBigUInt64BE(0)) : field.readUInt32BE(0);
  if (!Number.isSafeInteger(length)) return { kind: 'invalid', reason: `the ${name} section declares length ${field.readBigUInt64BE(0)}` };
  return { kind: 'ok', end: pos + field.length + length };
}

/** One image resource block: its id and where its data lies. */
export interface ResourceBlock {
  readonly id: number;
  readonly data: number;
  readonly size: number;
}

/**
 * Walks the image resource blocks of [from, end): signature, id, a Pascal name padded to even, a
 * 4-byte size, data padded to even. The blocks must tile the section exactly. `visit` sees each block
 * and may stop the walk early by returning true.
 */
export async function checkResources(reader: BoundedReader, from: number, end: number, visit?: (block: ResourceBlock) => boolean): Promise<SectionStep> {
  let pos = from;
  for (let count = 0; pos < end; count++) {
    if (count >= MAX_PSD_RESOURCES) return { kind: 'invalid', reason: `more than ${MAX_PSD_RESOURCES} image resources` };
    const head = await reader.bytes(pos, 7);
    if (head === null) return { kind: 'out-of-data' };
    if (!RESOURCE_SIGNATURES.has(head.toString('latin1', 0, 4))) return { kind: 'invalid', reason: `an image resource has signature ${head.subarray(0, 4).toString('hex')}` };
    const nameField = 1 + head[6] + ((1 + head[6]) & 1);
    const sizeField = await reader.bytes(pos + 6 + nameField, 4);
    if (sizeField === null) return { kind: 'out-of-data' };
    const size = sizeField.readUInt32BE(0);
    const data = pos + 6 + nameField + 4;
    if (visit?.({ id: head.readUInt16BE(4), data, size })) return { kind: 'ok', end };
    pos = data + size + (size & 1);
  }
  return pos === end ? { kind: 'ok', end } : { kind: 'invalid', reason: `image resources overrun their section by ${pos - end} bytes` };
}

/** The layer and mask section must at least hold its layer info, whose length comes first. */
export async function checkLayers(reader: BoundedReader, from: number, end: number, header: PsdHeader): Promise<SectionStep> {
  if (from === end) return { kind: 'ok', end };
  const layers = await section(reader, from, header.big, 'layer info');
  if (layers.kind !== 'ok') return layers;
  if (layers.end > end) return { kind: 'invalid', reason: `the layer info overruns the layer and mask section by ${layers.end - end} bytes` };
  return { kind: 'ok', end };
}

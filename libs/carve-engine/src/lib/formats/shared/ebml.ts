import type { BoundedReader } from '../../bounded-reader.js';

/** An EBML element header: a variable-length id (1–4 bytes) and size (1–8 bytes), then the payload. */
export interface EbmlElement {
  /** The id with its length marker bits, as the specs write it (0x1A45DFA3). */
  readonly id: number;
  readonly start: number;
  /** Offset of the payload. */
  readonly data: number;
  /** Payload size; undefined for the "unknown size" (all value bits set) live writers use. */
  readonly size: number | undefined;
}

/** The longest element header: a 4-byte id and an 8-byte size. */
const MAX_HEADER = 12;

/** Bytes in a variable-length integer, from the position of the first set bit of its first byte. */
const vintLength = (first: number): number => (first === 0 ? 9 : Math.clz32(first) - 23);

/**
 * The element header at `rel` in `buf` (positions reported as `base + rel`): the element, 'short' when
 * the buffer ends inside the header, or a problem when the bytes cannot be an element header.
 */
export function parseElement(buf: Buffer, rel: number, base = 0): EbmlElement | 'short' | string {
  const pos = base + rel;
  if (rel >= buf.length) return 'short';
  const idLength = vintLength(buf[rel]);
  if (idLength > 4) return `no element id at ${pos} (byte 0x${buf[rel].toString(16)})`;
  if (rel + idLength >= buf.length) return 'short';
  const id = buf.readUIntBE(rel, idLength);
  // An id's value bits may be neither all zeros nor all ones (RFC 8794 §5).
  const value = id % 2 ** (7 * idLength);
  if (value === 0 || value === 2 ** (7 * idLength) - 1) return `reserved element id 0x${id.toString(16)} at ${pos}`;
  const first = buf[rel + idLength];
  const sizeLength = vintLength(first);
  if (sizeLength > 8) return `element 0x${id.toString(16)} at ${pos} has an invalid size`;
  if (rel + idLength + sizeLength > buf.length) return 'short';
  const mask = 0xff >> sizeLength;
  let size = first & mask;
  let allOnes = size === mask;
  for (let i = 1; i < sizeLength; i++) {
    const b = buf[rel + idLength + i];
    size = size * 256 + b;
    allOnes &&= b === 0xff;
  }
  const data = pos + idLength + sizeLength;
  if (allOnes) return { id, start: pos, data, size: undefined };
  if (size > Number.MAX_SAFE_INTEGER) return `element 0x${id.toString(16)} at ${pos} claims ${size} bytes`;
  return { id, start: pos, data, size };
}

/** The element header at `pos` through the reader: the element, null when the bytes end first, or a problem. */
export async function readElement(reader: BoundedReader, pos: number): Promise<EbmlElement | string | null> {
  const head = await reader.bytes(pos, Math.min(MAX_HEADER, reader.end - pos));
  if (head === null) return null;
  const element = parseElement(head, 0, pos);
  return element === 'short' ? null : element;
}

/** The children of a known-size element already in memory (`buf` holds it from `base`); stops at anything odd. */
export function* childrenIn(buf: Buffer, from: number, to: number, base = 0): Generator<EbmlElement & { readonly size: number }> {
  for (let rel = from - base; rel < to - base; ) {
    const el = parseElement(buf, rel, base);
    if (typeof el === 'string' || el.size === undefined || el.data + el.size > to) return;
    yield { ...el, size: el.size };
    rel = el.data + el.size - base;
  }
}

/** An unsigned integer element's value (1–6 bytes used in practice), or undefined when it is not one. */
export function uintIn(buf: Buffer, el: EbmlElement & { readonly size: number }, base = 0): number | undefined {
  if (el.size < 1 || el.size > 6) return undefined;
  return buf.readUIntBE(el.data - base, el.size);
}

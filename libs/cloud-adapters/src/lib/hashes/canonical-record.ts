import { canonicalExif } from './exif-canonical.js';

/** A structure that does not parse: the canonical form falls back on the raw bytes. */
export class Malformed extends Error {}

/** A piece of a canonical form: a kind byte, a 32-bit length, the bytes (so pieces never run together). */
export function record(kind: string, bytes: Buffer): Buffer[] {
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(bytes.length, 1);
  return [head, bytes];
}

/** An Exif block (a TIFF structure) rendered without its location, or its raw bytes when it does not parse. */
export function exifRecord(payload: Buffer): Buffer[] {
  const rendered = canonicalExif(payload);
  return rendered ? record('X', rendered) : record('S', payload);
}

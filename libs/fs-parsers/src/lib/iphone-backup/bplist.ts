import { CorruptError } from '../errors.js';
import { type PlistDict, PlistUid, type PlistValue } from './plist-value.js';

/**
 * A bounded reader of Apple's binary property lists ("bplist00", CFBinaryPList.c's documented
 * layout): objects, then a table of their offsets, then a 32-byte trailer (offset size, reference
 * size, object count, top object, table offset). Every count and offset is checked against the
 * buffer; objects are decoded once (shared references are shared), a reference to an object still
 * being decoded is a loop and nesting is capped, so a hostile plist ends in a CorruptError.
 */
const MAGIC = 'bplist00';
const TRAILER_BYTES = 32;
const MAX_DEPTH = 64;
/** Seconds from 1970-01-01 to 2001-01-01, the Core Foundation epoch. */
const CF_EPOCH_SECONDS = 978_307_200;

export function isBinaryPlist(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.toString('latin1', 0, 8) === MAGIC;
}

export function parseBinaryPlist(bytes: Buffer): PlistValue {
  if (!isBinaryPlist(bytes) || bytes.length < 8 + TRAILER_BYTES + 1) throw new CorruptError('not a binary property list (no bplist00 header)');
  const trailer = bytes.length - TRAILER_BYTES;
  const offsetSize = bytes.readUInt8(trailer + 6);
  const refSize = bytes.readUInt8(trailer + 7);
  const uint = (at: number, size: number): number => {
    if (size < 1 || size > 8 || at < 0 || at + size > bytes.length) throw new CorruptError(`bplist: a ${size}-byte number at ${at} lies outside the ${bytes.length} bytes`);
    const value = size <= 6 ? bytes.readUIntBE(at, size) : Number(Buffer.concat([Buffer.alloc(8 - size), bytes.subarray(at, at + size)]).readBigUInt64BE(0));
    if (!Number.isSafeInteger(value)) throw new CorruptError(`bplist: number ${value} at ${at} is too large`);
    return value;
  };
  const count = uint(trailer + 8, 8);
  const top = uint(trailer + 16, 8);
  const table = uint(trailer + 24, 8);
  if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) throw new CorruptError(`bplist: offset size ${offsetSize} or reference size ${refSize} is not 1–8`);
  if (count < 1 || top >= count || table < 9 || table + count * offsetSize > trailer) {
    throw new CorruptError(`bplist: ${count} objects, top ${top}, offset table at ${table} do not fit in ${bytes.length} bytes`);
  }
  const cache = new Map<number, PlistValue>();
  const busy = new Set<number>();

  const decode = (ref: number, depth: number): PlistValue => {
    if (ref >= count) throw new CorruptError(`bplist: reference ${ref} past the ${count} objects`);
    const known = cache.get(ref);
    if (known !== undefined) return known;
    if (busy.has(ref)) throw new CorruptError(`bplist: object ${ref} contains itself`);
    if (depth > MAX_DEPTH) throw new CorruptError(`bplist: nested deeper than ${MAX_DEPTH} levels`);
    busy.add(ref);
    const value = decodeAt(uint(table + ref * offsetSize, offsetSize), depth);
    busy.delete(ref);
    cache.set(ref, value);
    return value;
  };

  const span = (at: number, length: number): number => {
    if (!Number.isSafeInteger(length) || at + length > table) throw new CorruptError(`bplist: ${length} bytes at ${at} run into the offset table at ${table}`);
    return at + length;
  };

  /** `at`, once `size` bytes from it are known to lie in the object area. */
  const fixed = (at: number, size: number): number => span(at, size) - size;

  /** The length in a marker's low nibble, or (0xF) in the int object after it. */
  const lengthAt = (at: number): [length: number, start: number] => {
    const low = bytes.readUInt8(at) & 0x0f;
    if (low !== 0x0f) return [low, at + 1];
    const marker = bytes[at + 1];
    if (marker === undefined || marker >> 4 !== 0x1 || (marker & 0x0f) > 3) throw new CorruptError(`bplist: bad length marker at ${at + 1}`);
    const size = 1 << (marker & 0x0f);
    return [uint(at + 2, size), at + 2 + size];
  };

  const decodeAt = (at: number, depth: number): PlistValue => {
    if (at < 8 || at >= table) throw new CorruptError(`bplist: object offset ${at} outside the object area`);
    const marker = bytes.readUInt8(at);
    const low = marker & 0x0f;
    switch (marker >> 4) {
      case 0x0:
        if (low === 0x8 || low === 0x9) return low === 0x9;
        if (low === 0x0 || low === 0xf) return null;
        break;
      case 0x1:
        return integer(at + 1, low);
      case 0x2:
        if (low === 2) return bytes.readFloatBE(fixed(at + 1, 4));
        if (low === 3) return bytes.readDoubleBE(fixed(at + 1, 8));
        break;
      case 0x3:
        if (low === 3) return new Date((CF_EPOCH_SECONDS + bytes.readDoubleBE(fixed(at + 1, 8))) * 1000);
        break;
      case 0x4: {
        const [length, start] = lengthAt(at);
        return Buffer.from(bytes.subarray(start, span(start, length)));
      }
      case 0x5: {
        const [length, start] = lengthAt(at);
        return bytes.toString('latin1', start, span(start, length));
      }
      case 0x6: {
        const [length, start] = lengthAt(at);
        const units = Buffer.from(bytes.subarray(start, span(start, 2 * length)));
        return units.swap16().toString('utf16le');
      }
      case 0x8:
        return new PlistUid(uint(fixed(at + 1, low + 1), low + 1));
      case 0xa:
      case 0xc: {
        const [length, start] = lengthAt(at);
        span(start, length * refSize);
        return Array.from({ length }, (_, i) => decode(uint(start + i * refSize, refSize), depth + 1));
      }
      case 0xd: {
        const [length, start] = lengthAt(at);
        span(start, 2 * length * refSize);
        const dict: PlistDict = Object.create(null) as PlistDict;
        for (let i = 0; i < length; i++) {
          const key = decode(uint(start + i * refSize, refSize), depth + 1);
          if (typeof key !== 'string') throw new CorruptError(`bplist: dictionary key at ${at} is not a string`);
          dict[key] = decode(uint(start + (length + i) * refSize, refSize), depth + 1);
        }
        return dict;
      }
    }
    throw new CorruptError(`bplist: unknown object marker 0x${marker.toString(16)} at ${at}`);
  };

  const integer = (at: number, low: number): number | bigint => {
    if (low > 4) throw new CorruptError(`bplist: a ${1 << low}-byte integer at ${at}`);
    const size = 1 << low;
    fixed(at, size);
    if (size <= 4) return bytes.readUIntBE(at, size);
    // 8 bytes are signed; 16-byte integers hold unsigned 64-bit values in their low half.
    const big = size === 8 ? bytes.readBigInt64BE(at) : bytes.readBigUInt64BE(at + 8);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  };

  return decode(top, 0);
}

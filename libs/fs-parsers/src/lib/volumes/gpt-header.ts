import { crc32 } from './crc32.js';

/** The fields of a GPT header (UEFI spec, "GPT Header"), LBAs as Numbers (Infinity when past 2^53). */
export interface GptHeader {
  revision: number;
  headerSize: number;
  myLba: number;
  alternateLba: number;
  firstUsableLba: number;
  lastUsableLba: number;
  diskGuid: string;
  entryLba: number;
  entryCount: number;
  entrySize: number;
  entryArrayCrc: number;
}

export const GPT_SIGNATURE = 'EFI PART';
/** The entry array we are willing to read: 32× the usual 128 entries of 128 bytes. */
export const MAX_GPT_ARRAY_BYTES = 512 * 1024;

/** A 64-bit little-endian LBA as a Number; Infinity when it cannot be a safe integer (so it is "past the end"). */
export function u64(bytes: Buffer, at: number): number {
  const value = bytes.readBigUInt64LE(at);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.POSITIVE_INFINITY;
}

/** A GUID as text: the first three fields are stored little-endian, the last two as bytes. */
export function formatGuid(bytes: Buffer, at: number): string {
  const hex = (from: number, to: number) => bytes.subarray(at + from, at + to).toString('hex');
  const le = (from: number, to: number) => Buffer.from(bytes.subarray(at + from, at + to)).reverse().toString('hex');
  return `${le(0, 4)}-${le(4, 6)}-${le(6, 8)}-${hex(8, 10)}-${hex(10, 16)}`.toUpperCase();
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/**
 * Parses the header in `sector` (read at `lba`) and checks what UEFI asks a reader to check: the
 * signature, the header size, the header CRC32, that MyLBA is where it was read; plus bounds of our
 * own on the entry array. Returns the header, or the reason it cannot be used.
 */
export function parseGptHeader(sector: Buffer, lba: number): GptHeader | string {
  if (sector.toString('latin1', 0, 8) !== GPT_SIGNATURE) return 'no "EFI PART" signature';
  const headerSize = sector.readUInt32LE(12);
  if (headerSize < 92 || headerSize > sector.length) return `header size ${headerSize} is not 92–${sector.length}`;
  const stored = sector.readUInt32LE(16);
  const copy = Buffer.from(sector.subarray(0, headerSize));
  copy.writeUInt32LE(0, 16);
  const computed = crc32(copy);
  if (computed !== stored) return `header CRC32 is 0x${hex32(stored)} but the header sums to 0x${hex32(computed)}`;
  const header: GptHeader = {
    revision: sector.readUInt32LE(8),
    headerSize,
    myLba: u64(sector, 24),
    alternateLba: u64(sector, 32),
    firstUsableLba: u64(sector, 40),
    lastUsableLba: u64(sector, 48),
    diskGuid: formatGuid(sector, 56),
    entryLba: u64(sector, 72),
    entryCount: sector.readUInt32LE(80),
    entrySize: sector.readUInt32LE(84),
    entryArrayCrc: sector.readUInt32LE(88),
  };
  if (header.myLba !== lba) return `it says it lies at LBA ${header.myLba}, but was read at LBA ${lba}`;
  if (header.firstUsableLba > header.lastUsableLba) {
    return `first usable LBA ${header.firstUsableLba} lies after the last, ${header.lastUsableLba}`;
  }
  if (header.entrySize < 128 || !isPowerOfTwo(header.entrySize)) return `entry size ${header.entrySize} is not 128 × 2^n`;
  if (header.entryCount * header.entrySize > MAX_GPT_ARRAY_BYTES) {
    return `${header.entryCount} entries of ${header.entrySize} bytes exceed the ${MAX_GPT_ARRAY_BYTES}-byte limit`;
  }
  return header;
}

export const hex32 = (n: number): string => n.toString(16).padStart(8, '0');

/** 100-ns intervals between 1601-01-01 (the FILETIME epoch) and 1970-01-01. */
const EPOCH_DIFFERENCE = 116_444_736_000_000_000n;
/** 9999-12-31T23:59:59.999Z: later times have no 4-digit-year ISO form (and no place on a disk). */
const MAX_MS = 253_402_300_799_999n;

/**
 * A Windows FILETIME (unsigned 64-bit count of 100 ns since 1601-01-01 UTC) as ISO 8601 with
 * milliseconds; undefined for zero or a time after the year 9999.
 */
export function filetimeToIso(filetime: bigint): string | undefined {
  if (filetime <= 0n) return undefined;
  const ms = (filetime - EPOCH_DIFFERENCE) / 10_000n;
  if (ms > MAX_MS) return undefined;
  return new Date(Number(ms)).toISOString();
}

/** The FILETIME of an ISO 8601 time (for tests and fixtures). */
export function isoToFiletime(iso: string): bigint {
  return BigInt(Date.parse(iso)) * 10_000n + EPOCH_DIFFERENCE;
}

/** Seconds from 1904-01-01T00:00:00Z (the HFS epoch) to 1970-01-01T00:00:00Z. */
export const HFS_EPOCH_OFFSET = 2_082_844_800;

/**
 * An HFS+ date (unsigned seconds since 1904-01-01 UTC) as ISO 8601, or undefined for 0 (never set).
 * TN1150 keeps catalog dates in UTC; only the volume header's createDate is local time, which the
 * caller reads with this same function and says so.
 */
export function hfsDate(seconds: number): string | undefined {
  if (seconds === 0) return undefined;
  return new Date((seconds - HFS_EPOCH_OFFSET) * 1000).toISOString();
}

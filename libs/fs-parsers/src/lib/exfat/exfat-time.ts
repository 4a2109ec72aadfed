import { fatDateTimeToIso } from '../fat/fat-time.js';

/**
 * An exFAT timestamp (spec §7.4.8): the FAT date in the high 16 bits and the FAT time in the low 16,
 * a 10 ms increment (0–199, so odd seconds and hundredths) and a UTC offset byte. Bit 7 of the offset
 * says it is valid; bits 0–6 are a signed count of 15-minute steps (−12:00 to +14:00).
 */
export interface ExfatTimestamp {
  value: number;
  tenMs: number;
  utcOffset: number;
}

/** The offset in minutes east of UTC, or undefined when the byte says it is not valid (or is impossible). */
export function utcOffsetMinutes(utcOffset: number): number | undefined {
  if ((utcOffset & 0x80) === 0) return undefined;
  const steps = utcOffset & 0x40 ? (utcOffset & 0x7f) - 0x80 : utcOffset & 0x7f;
  return steps >= -48 && steps <= 56 ? steps * 15 : undefined;
}

/**
 * ISO 8601 in UTC. With a valid UTC offset the local time is turned into real UTC; without one the
 * local time is read as UTC, as FAT's is. Undefined for a zero or impossible date.
 */
export function exfatTimestampToIso(stamp: ExfatTimestamp): string | undefined {
  const local = fatDateTimeToIso(stamp.value >>> 16, stamp.value & 0xffff, stamp.tenMs);
  if (!local) return undefined;
  const offset = utcOffsetMinutes(stamp.utcOffset);
  if (offset === undefined || offset === 0) return local;
  return new Date(Date.parse(local) - offset * 60_000).toISOString();
}

/** Reads the three timestamps of a File directory entry (spec §7.4). Access has no 10 ms field. */
export function fileEntryTimes(entry: Buffer): { created: ExfatTimestamp; modified: ExfatTimestamp; accessed: ExfatTimestamp } {
  return {
    created: { value: entry.readUInt32LE(8), tenMs: entry[20] as number, utcOffset: entry[22] as number },
    modified: { value: entry.readUInt32LE(12), tenMs: entry[21] as number, utcOffset: entry[23] as number },
    accessed: { value: entry.readUInt32LE(16), tenMs: 0, utcOffset: entry[24] as number },
  };
}

/**
 * FAT date and time fields (fatgen103): date = year-1980 (7 bits) | month (4) | day (5);
 * time = hours (5) | minutes (6) | seconds/2 (5); the creation time adds tenths of 10 ms (0–199).
 * FAT stores local time with no zone; we read it as UTC and say so in the API docs.
 */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface FatDate {
  year: number;
  month: number;
  day: number;
}

function decodeDate(date: number): FatDate | undefined {
  if (date === 0) return undefined;
  const year = 1980 + (date >>> 9);
  const month = (date >>> 5) & 0x0f;
  const day = date & 0x1f;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** 'YYYY-MM-DD', or undefined for a zero or impossible date. */
export function fatDateToIso(date: number): string | undefined {
  const d = decodeDate(date);
  return d && `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** 'YYYY-MM-DDTHH:MM:SS(.mmm)Z', or undefined for a zero or impossible date or time. */
export function fatDateTimeToIso(date: number, time: number, tenths = 0): string | undefined {
  const day = fatDateToIso(date);
  if (!day) return undefined;
  const hours = time >>> 11;
  const minutes = (time >>> 5) & 0x3f;
  const seconds = (time & 0x1f) * 2 + (tenths >= 100 && tenths <= 199 ? 1 : 0);
  if (hours > 23 || minutes > 59 || seconds > 59 || tenths > 199) return undefined;
  const millis = (tenths % 100) * 10;
  return `${day}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}Z`;
}

/** Encodes a UTC Date as FAT date and time words (for tests and fixtures). */
export function toFatDateTime(value: Date): { date: number; time: number } {
  const date = ((value.getUTCFullYear() - 1980) << 9) | ((value.getUTCMonth() + 1) << 5) | value.getUTCDate();
  const time = (value.getUTCHours() << 11) | (value.getUTCMinutes() << 5) | (value.getUTCSeconds() >>> 1);
  return { date, time };
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * An EXIF date ("YYYY:MM:DD HH:MM:SS", the camera's wall clock, no zone) as an ISO 8601 string
 * without converting it to any other zone: "YYYY-MM-DDTHH:MM:SS", plus the EXIF 2.31 OffsetTime*
 * value ("+02:00") when the camera wrote one. Never a "Z": EXIF does not say the time is UTC.
 *
 * The engine asks exifr for raw strings (reviveValues: false). A Date (exifr's default) is read back
 * with local getters, because exifr builds it with the local-time constructor from the same fields.
 */
export function exifDateToIso(value: unknown, offset?: unknown): string | undefined {
  let fields: number[];
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    fields = [value.getFullYear(), value.getMonth() + 1, value.getDate(), value.getHours(), value.getMinutes(), value.getSeconds()];
  } else {
    const m = typeof value === 'string' ? EXIF_DATE.exec(value.trim()) : null;
    if (!m) return undefined;
    fields = m.slice(1, 7).map(Number);
  }
  const [year, month, day, hour, minute, second] = fields;
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return typeof offset === 'string' && OFFSET.test(offset.trim()) ? iso + offset.trim() : iso;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Times as the phone keeps them. Core Data (Photos.sqlite TIMESTAMP columns) counts seconds from
 * 2001-01-01T00:00:00Z; Manifest.db file records (Birth, LastModified) count Unix seconds. A value
 * that is missing, not a finite number or outside 1900–2200 gives undefined: a date nobody can trust.
 */
const CORE_DATA_EPOCH_MS = Date.UTC(2001, 0, 1);
const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);
const DAY_MS = 86_400_000;

function iso(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS ? new Date(Math.round(ms)).toISOString() : undefined;
}

const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;

export function coreDataTimeToIso(seconds: unknown): string | undefined {
  const value = asNumber(seconds);
  return value === undefined ? undefined : iso(CORE_DATA_EPOCH_MS + value * 1000);
}

export function unixTimeToIso(seconds: unknown): string | undefined {
  const value = asNumber(seconds);
  return value === undefined ? undefined : iso(value * 1000);
}

export function addDays(isoTime: string, days: number): string {
  return new Date(Date.parse(isoTime) + days * DAY_MS).toISOString();
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const MOMENT: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit' };

function parsed(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A moment (ISO 8601 with its zone) as the day it is here: "20 Jul 2024". */
export function formatDay(iso: string | undefined): string | undefined {
  return parsed(iso)?.toLocaleDateString('en-GB', DAY);
}

/** A moment as the local day and time: "20 Jul 2024, 08:15". */
export function formatMoment(iso: string | undefined): string | undefined {
  return parsed(iso)?.toLocaleString('en-GB', MOMENT);
}

/** True when the moment is before `now` (an unknown moment is not). */
export function isPast(iso: string | undefined, now: number): boolean {
  const date = parsed(iso);
  return date !== undefined && date.getTime() <= now;
}

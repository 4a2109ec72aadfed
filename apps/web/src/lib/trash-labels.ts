import type { FindingTrash, TrashKeeper } from '@afterimage/contracts';
import { formatDay, formatMoment, isPast } from './dates';

/** What kept a file aside, in the words of the phone or computer that did. */
export const TRASH_LABEL: Record<TrashKeeper, string> = {
  'iphone-recently-deleted': 'Recently Deleted',
  'android-trash': 'Android trash',
  'android-pending': 'Unfinished Android file',
  'recycle-bin': 'Recycle Bin',
};

/** Where it was, for sentences and the recovery summary. */
export const TRASH_PLACE: Record<TrashKeeper, string> = {
  'iphone-recently-deleted': 'the iPhone’s Recently Deleted album',
  'android-trash': 'Android’s trash',
  'android-pending': 'Android’s unfinished files (an app never finished writing it)',
  'recycle-bin': 'a Windows Recycle Bin',
};

/**
 * The short badge on a trashed finding: "Recently Deleted · purged 20 Jul 2024", "Android trash ·
 * expires 3 Aug 2024", "Recycle Bin · deleted 2 Jun 2024". Past and future read differently.
 */
export function trashBadge(trash: FindingTrash, now: number): string {
  const label = TRASH_LABEL[trash.by];
  const purge = formatDay(trash.purgeAt);
  const deleted = formatDay(trash.deletedAt);
  const past = isPast(trash.purgeAt, now);
  switch (trash.by) {
    case 'iphone-recently-deleted':
      return purge ? `${label} · ${past ? 'purged' : 'until'} ${purge}` : deleted ? `${label} · deleted ${deleted}` : label;
    case 'android-trash':
    case 'android-pending':
      return purge ? `${label} · ${past ? 'expired' : 'expires'} ${purge}` : deleted ? `${label} · since ${deleted}` : label;
    case 'recycle-bin':
      return deleted ? `${label} · deleted ${deleted}` : label;
  }
}

/** The sentence in the details: where it was kept, since when, and when the phone drops (or dropped) it. */
export function trashSentence(trash: FindingTrash, now: number): string {
  const since = formatMoment(trash.deletedAt);
  const purge = formatMoment(trash.purgeAt);
  const parts = [`In ${TRASH_PLACE[trash.by]}${since ? ` since ${since}` : ''}.`];
  if (purge) {
    const phone = trash.by === 'iphone-recently-deleted' ? 'The iPhone' : 'Android';
    parts.push(isPast(trash.purgeAt, now) ? `${phone} was due to erase it for good on ${purge}; this copy kept it.` : `${phone} erases it for good on ${purge}.`);
  }
  return parts.join(' ');
}

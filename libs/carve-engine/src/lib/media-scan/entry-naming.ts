import type { FileTimes, FindingTrash } from '@afterimage/contracts';
import { type MediaStoreName, mediaStoreSince, parseMediaStoreName } from '@afterimage/fs-parsers';
import type { SourceEntry } from './volume-files.js';

/**
 * What an entry says about the file a user lost: the name and folder it had before the operating
 * system set it aside (a Windows Recycle Bin `$R…`, Android MediaStore's `.trashed-…`/`.pending-…`),
 * when, and whether the user still sees it.
 */

/** Android MediaStore's hidden name on the entry, if it has one (a Recycle Bin item's own story wins). */
export const mediaStoreOf = (entry: SourceEntry): MediaStoreName | undefined => (entry.recycled ? undefined : parseMediaStoreName(entry.inferredName ?? entry.name));

/** The entry's name: the one it had before the Recycle Bin or MediaStore hid it, or a better guess at a deleted one (its notes say how). */
export const bestName = (entry: SourceEntry) => entry.recycled?.originalName ?? mediaStoreOf(entry)?.originalName ?? entry.inferredName ?? entry.name;

/** Where the file was: a Recycle Bin item's Windows path (drive letter dropped, '/' separators), else its entry's folder and best name. */
export function originalPathOf(entry: SourceEntry): string {
  if (entry.recycled) return '/' + entry.recycled.originalPath.replace(/^[A-Za-z]:/, '').split('\\').filter(Boolean).join('/');
  return entry.path.slice(0, entry.path.length - entry.name.length) + bestName(entry);
}

/** Deleted as the user sees it: a deleted entry, an item in the Recycle Bin, or one MediaStore trashed or never published. */
export const goneForUser = (entry: SourceEntry) => entry.deleted || entry.recycled !== undefined || mediaStoreOf(entry) !== undefined;

/**
 * The entry's times; `deletedAt` from the Recycle Bin's `$I`, or for an Android trashed item its
 * expiry less MediaStore's 30 days (the reasons say so).
 */
export function timesOf(entry: SourceEntry): FileTimes | undefined {
  const { createdAt, modifiedAt } = entry;
  const store = mediaStoreOf(entry);
  const deletedAt = entry.recycled?.deletedAt ?? (store?.state === 'trashed' ? mediaStoreSince(store).toISOString() : undefined);
  const times = { ...(createdAt ? { createdAt } : {}), ...(modifiedAt ? { modifiedAt } : {}), ...(deletedAt ? { deletedAt } : {}) };
  return Object.keys(times).length > 0 ? times : undefined;
}

/**
 * What kept the file aside, for the finding's `trash`: the Recycle Bin (deleted when its `$I` says),
 * or Android MediaStore's trash or pending files (purged at the expiry in the name; a trashed item
 * was put there that expiry less 30 days before).
 */
export function trashOf(entry: SourceEntry): FindingTrash | undefined {
  if (entry.recycled) return { by: 'recycle-bin', ...(entry.recycled.deletedAt ? { deletedAt: entry.recycled.deletedAt } : {}) };
  const store = mediaStoreOf(entry);
  if (!store) return undefined;
  const purgeAt = store.expiresAt.toISOString();
  return store.state === 'trashed' ? { by: 'android-trash', deletedAt: mediaStoreSince(store).toISOString(), purgeAt } : { by: 'android-pending', purgeAt };
}

/**
 * What a user should read about where the file was kept, for the finding's reasons. An Android item
 * starts `MediaStore trashed, expires <ISO>` or `MediaStore pending, expires <ISO>` (the same facts are
 * in the finding's `trash`, trashOf).
 */
export function entryStory(entry: SourceEntry): string[] {
  const store = mediaStoreOf(entry);
  if (!store) return [];
  const expires = store.expiresAt.toISOString();
  const since = mediaStoreSince(store).toISOString();
  const name = entry.inferredName ?? entry.name;
  const [is, then] = entry.deleted ? ['was', ', then deleted'] : ['is', ''];
  return store.state === 'trashed'
    ? [`MediaStore trashed, expires ${expires}: ${is} in Android's trash as ${name}${then}; trashed around ${since} (MediaStore keeps trashed items 30 days)`]
    : [`MediaStore pending, expires ${expires}: ${is} kept as ${name} by an app that never finished it (a recording cut short?)${then}; pending since about ${since} (MediaStore keeps pending items 7 days)`];
}

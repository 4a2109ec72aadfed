/**
 * Android's MediaStore (Android 10 and later) keeps a media file that is "pending" (an app is still
 * writing it, e.g. a video being recorded) or "trashed" (Android 11+'s system trash, IS_TRASHED)
 * in its own folder under a hidden name that carries its expiry:
 *
 *   .pending-<expiry>-<name>     .trashed-<expiry>-<name>
 *
 * <expiry> is DATE_EXPIRES in Unix seconds: by default 7 days after a pending item was created and
 * 30 days after an item was trashed (MediaProvider computes it; an app cannot choose it). After it,
 * MediaProvider deletes the file during an idle maintenance pass. MediaProvider matches the prefix
 * case-insensitively and takes everything after the second '-' as the display name; it may have
 * shortened a long name when it renamed the file, so the name can differ from the one first given.
 */
export type MediaStoreState = 'trashed' | 'pending';

export interface MediaStoreName {
  state: MediaStoreState;
  /** When MediaProvider would delete the file for good. */
  expiresAt: Date;
  /** The name the file had before (and that a gallery shows). */
  originalName: string;
}

/** MediaProvider's default lifetimes, in days, from the moment an item becomes pending or trashed. */
export const MEDIASTORE_LIFETIME_DAYS: Readonly<Record<MediaStoreState, number>> = { trashed: 30, pending: 7 };

/** 2019-01-01: MediaStore's pending files came with Android 10 (2019), its trash with Android 11 (2020). */
const EARLIEST_EXPIRY_SECONDS = Date.UTC(2019, 0, 1) / 1000;
/** 2100-01-01: a later expiry is noise, or milliseconds where seconds belong. */
const LATEST_EXPIRY_SECONDS = Date.UTC(2100, 0, 1) / 1000;
/** A file name holds at most 255 UTF-16 units on FAT/exFAT (255 bytes on ext4/f2fs): longer is not a name. */
const MAX_NAME_UNITS = 255;
const PATTERN = /^\.(pending|trashed)-(\d{1,12})-(.+)$/i;
/** Separators, NUL and control characters have no place in a name to restore a file under. */
const unsafeName = (name: string) => /[/\\]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * The state, expiry and real name of a MediaStore `.trashed-…`/`.pending-…` file name; undefined
 * for any other name, an expiry outside 2019–2100, or a real name that is empty, '.', '..', longer
 * than a file name can be, or holds a path separator or control character.
 */
export function parseMediaStoreName(name: string): MediaStoreName | undefined {
  if (name.length > MAX_NAME_UNITS + 32) return undefined;
  const match = PATTERN.exec(name);
  if (!match) return undefined;
  const [, prefix = '', digits = '', originalName = ''] = match;
  const seconds = Number(digits);
  if (seconds < EARLIEST_EXPIRY_SECONDS || seconds >= LATEST_EXPIRY_SECONDS) return undefined;
  if (originalName === '.' || originalName === '..' || originalName.length > MAX_NAME_UNITS || unsafeName(originalName)) return undefined;
  return { state: prefix.toLowerCase() as MediaStoreState, expiresAt: new Date(seconds * 1000), originalName };
}

/** When the item most likely became pending or trashed: its expiry less MediaProvider's default lifetime. */
export function mediaStoreSince(parsed: MediaStoreName): Date {
  return new Date(parsed.expiresAt.getTime() - MEDIASTORE_LIFETIME_DAYS[parsed.state] * 86_400_000);
}

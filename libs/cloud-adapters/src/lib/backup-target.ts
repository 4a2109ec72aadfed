import type { ContentSource } from './content.js';

/**
 * Hashes a provider can report for a stored object. Each is computed locally over the bytes that
 * were sent (lib/hashes) and compared with what the provider reports for the stored copy.
 * - sha256, md5, sha1: hex, lower case;
 * - dropbox: Dropbox's content_hash (hex);
 * - quickxor: OneDrive's QuickXorHash (base64, as Graph gives it);
 * - sha256-no-gps: sha256 of the file with its Exif location left out (hashes/location-neutral-hash.ts), for
 *   Google Photos, whose downloads come without the location: a copy checked by it matches the photo in every
 *   byte but the GPS data (and where the Exif block sits), so it is a copy without the location.
 */
export type HashKind = 'sha256' | 'md5' | 'sha1' | 'dropbox' | 'quickxor' | 'sha256-no-gps';

export interface StoredObject {
  /** Slash-separated path inside the target (for Google Photos: the item's file name inside the album). */
  path: string;
  size: number;
  /** The provider's own hashes of the stored copy (never hashes computed locally over what was sent). */
  hashes: Partial<Record<HashKind, string>>;
  /** The provider's id of the object, when it has one. */
  id?: string;
  modifiedAt?: string;
}

/** What the caller knows about the bytes it hands over; a copy counts only when these match. */
export interface ExpectedContent {
  size: number;
  sha256: string;
}

export interface PutProgress {
  /** Bytes of this file the provider has acknowledged. */
  committed: number;
  size: number;
}

/**
 * Where an adapter keeps a resumable upload between attempts and between runs of the agent (the agent
 * keeps them in SQLite; tests use a Map). Keys are the adapter's own; values are JSON-able.
 */
export interface UploadSessionStore {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface PutOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PutProgress) => void;
  /** Keeps resumable upload sessions so an interrupted upload resumes instead of starting over. */
  sessions?: UploadSessionStore;
}

/**
 * The small required core every backup target implements (in the spirit of rclone's Fs): put a file
 * and verify it, stat, list, and read back. Optional abilities are separate interfaces (below) that a
 * caller checks for with the `can*` guards; `limits` says in plain words what a target cannot do.
 */
export interface BackupTarget {
  /** Stable id of this configured target (kind plus account or folder). */
  readonly id: string;
  /** local-folder, google-drive, google-photos, dropbox, onedrive … */
  readonly kind: string;
  /** The kind of medium, for the 3-2-1 count (two media kinds, one offsite). */
  readonly medium: 'disk' | 'cloud';
  readonly offsite: boolean;
  /** Hashes this target's `stat`/`list` report, strongest first. */
  readonly hashKinds: readonly HashKind[];
  /** Plain-words notes on abilities this target lacks, e.g. { trash: 'Google Photos has no API for its trash…' }. */
  readonly limits: Readonly<Partial<Record<'trash' | 'remove' | 'resume' | 'preview' | 'location' | 'video', string>>>;
  /**
   * Writes the content at `path` and resolves only once the provider's hash of the stored copy
   * matched the hash of the bytes sent, and those bytes matched `expected`; otherwise rejects with
   * IntegrityError and keeps no copy it can remove. A put of an object that is already there with the
   * same content uploads nothing and resolves with it.
   */
  put(path: string, content: ContentSource, expected: ExpectedContent, options?: PutOptions): Promise<StoredObject>;
  /** The object at `path`, or null. */
  stat(path: string): Promise<StoredObject | null>;
  /** Every object under `prefix` (a folder path without a trailing slash; '' for all). */
  list(prefix?: string, signal?: AbortSignal): AsyncIterable<StoredObject>;
  /** The stored bytes. */
  open(path: string, signal?: AbortSignal): AsyncIterable<Buffer>;
}

/** An item in a provider's trash (or deleted files), as listed for a restore. */
export interface TrashedItem {
  /** Opaque to callers: what `restore` needs. */
  id: string;
  name: string;
  /** Where it was, when the provider says. */
  path?: string;
  size?: number;
  deletedAt?: string;
  mimeType?: string;
  hashes?: Partial<Record<HashKind, string>>;
}

/** Optional: list the provider's trash or deleted files, and put an item back. */
export interface TrashAbility {
  listTrash(options?: { signal?: AbortSignal; mediaOnly?: boolean }): AsyncIterable<TrashedItem>;
  restore(item: TrashedItem, signal?: AbortSignal): Promise<StoredObject>;
}

/** A small image of a trashed item, as the provider gave it (never decoded or trusted here). */
export interface TrashPreview {
  bytes: Buffer;
  /** The Content-Type the provider sent, when it sent one. */
  mimeType?: string;
  /** 'thumbnail': an image the provider made; 'original': the file's own bytes (small enough to read). */
  kind: 'thumbnail' | 'original';
}

export interface TrashPreviewOptions {
  /** Reading stops past this many bytes and the preview fails with TooLargeError (a provider may send gigabytes). */
  maxBytes: number;
  /** The longest edge wanted, in pixels: a hint (providers have fixed thumbnail sizes). */
  edge?: number;
  signal?: AbortSignal;
}

/**
 * Optional: a preview of an item in the trash, read without changing anything. Null when the provider
 * has none for it (not an image, no thumbnail made); a target that cannot preview at all says so in
 * `limits.preview`.
 */
export interface TrashPreviewAbility {
  previewTrashed(item: TrashedItem, options: TrashPreviewOptions): Promise<TrashPreview | null>;
}

/** Optional: remove an object (moves it to the provider's trash where there is one). */
export interface RemoveAbility {
  remove(path: string, signal?: AbortSignal): Promise<void>;
}

export function canTrash<T extends BackupTarget>(target: T): target is T & TrashAbility {
  const t = target as Partial<TrashAbility>;
  return typeof t.listTrash === 'function' && typeof t.restore === 'function';
}

export function canRemove<T extends BackupTarget>(target: T): target is T & RemoveAbility {
  return typeof (target as Partial<RemoveAbility>).remove === 'function';
}

export function canPreviewTrash<T extends BackupTarget>(target: T): target is T & TrashAbility & TrashPreviewAbility {
  return canTrash(target) && typeof (target as Partial<TrashPreviewAbility>).previewTrashed === 'function';
}

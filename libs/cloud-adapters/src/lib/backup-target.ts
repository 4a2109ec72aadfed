/** Hashes a provider can report for a stored object (more join with the cloud providers). */
export type HashKind = 'sha256';

export interface StoredObject {
  /** Slash-separated path inside the target. */
  path: string;
  size: number;
  hashes: Partial<Record<HashKind, string>>;
}

/** What the caller knows about the bytes it hands over; a copy counts only when these match. */
export interface ExpectedContent {
  size: number;
  sha256: string;
}

/**
 * The small required core every backup target implements (in the spirit of rclone's Fs): put a
 * file and verify it, stat, list, and read back. Optional abilities (trash, resumable sessions)
 * come as separate interfaces that a caller checks for.
 */
export interface BackupTarget {
  readonly id: string;
  readonly kind: string;
  /** The kind of medium, for the 3-2-1 count (two media kinds, one offsite). */
  readonly medium: 'disk' | 'cloud';
  readonly offsite: boolean;
  /** Writes the content at `path` and resolves only once the stored copy's hash matched `expected`. */
  put(path: string, content: AsyncIterable<Buffer>, expected: ExpectedContent, signal?: AbortSignal): Promise<StoredObject>;
  stat(path: string): Promise<StoredObject | null>;
  list(prefix?: string): AsyncIterable<StoredObject>;
  open(path: string): AsyncIterable<Buffer>;
}

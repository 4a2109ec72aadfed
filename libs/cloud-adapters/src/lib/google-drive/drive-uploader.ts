import type { ExpectedContent, PutOptions, StoredObject, UploadSessionStore } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { IntegrityError } from '../errors.js';
import { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import { mimeTypeFor } from '../media-types.js';
import { FOLDER_MIME, type DriveApi, type DriveFile } from './drive-api.js';
import { quote } from './drive-paths.js';
import { chunkSizeOf, type GoogleDriveOptions } from './google-drive-options.js';
import { multipartAttempt } from './multipart-upload.js';
import { resumableAttempt } from './resumable-upload.js';
import { storedObject } from './stored-object.js';

interface Destination {
  path: string;
  parentId: string;
  name: string;
}

/** Drive reports md5Checksum (and sha256Checksum for some files); sha256 is checked against `expected`. */
const KINDS = ['sha256', 'md5'] as const;
type DriveSentHash = SentBytesHash<(typeof KINDS)[number]>;

function memorySessions(): UploadSessionStore {
  const map = new Map<string, unknown>();
  return { get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
}

/**
 * Uploads one file and decides whether the copy counts: multipart for small files, a resumable session
 * in chunks for the rest, each attempt retried with withRetry. The md5 and sha256 of the bytes sent must
 * equal Drive's md5Checksum and sha256Checksum (when Drive gives one) of the stored file, and the sha256
 * must equal the caller's expected one; otherwise the stored copy is deleted and IntegrityError thrown.
 */
export class DriveUploader {
  private readonly chunkSize: number;
  private readonly resumableAbove: number;

  constructor(
    private readonly api: DriveApi,
    private readonly targetId: string,
    options: Pick<GoogleDriveOptions, 'chunkSize' | 'resumableAbove'>,
  ) {
    this.chunkSize = chunkSizeOf(options);
    this.resumableAbove = options.resumableAbove ?? 5 * 1024 * 1024;
  }

  /** True when the stored object already holds the expected content (md5 is checked locally when Drive has no sha256). */
  async sameContent(there: StoredObject, content: ContentSource, expected: ExpectedContent, signal?: AbortSignal): Promise<boolean> {
    if (there.size !== expected.size) return false;
    if (there.hashes.sha256) return there.hashes.sha256 === expected.sha256;
    if (!there.hashes.md5) return false;
    const local = await new SentBytesHash(content, KINDS).whole(signal);
    return local.md5 === there.hashes.md5 && local.sha256 === expected.sha256;
  }

  async upload(to: Destination, content: ContentSource, expected: ExpectedContent, options: PutOptions): Promise<StoredObject> {
    const { signal } = options;
    const mimeType = mimeTypeFor(to.name);
    let hasher = new SentBytesHash(content, KINDS);
    const landed = async () => {
      const sent = hasher.hashed === content.size ? await hasher.whole(signal) : undefined;
      return this.findLanded(to, sent?.sha256 ?? expected.sha256, sent?.md5, signal);
    };
    let file: DriveFile;
    if (content.size > this.resumableAbove) {
      const sessions = options.sessions ?? memorySessions();
      const key = `${this.targetId}|${to.path}`;
      file = await this.api.retry(
        (attempt) => resumableAttempt({ api: this.api, ...to, mimeType, content, expected, chunkSize: this.chunkSize, sessions, key, hasher, signal, onProgress: options.onProgress, findLanded: landed, retrying: attempt > 1 }),
        signal,
      );
      await sessions.delete(key);
    } else {
      file = await this.api.retry(async (attempt) => {
        const there = attempt > 1 ? await landed() : undefined;
        if (there) return there;
        return (await multipartAttempt(this.api, { ...to, mimeType }, content, () => (hasher = new SentBytesHash(content, KINDS)), signal)).file;
      }, signal);
    }
    const stored = await this.verify(file, to.path, hasher, expected, signal);
    options.onProgress?.({ committed: expected.size, size: expected.size });
    return stored;
  }

  /** A file an earlier attempt stored although its answer was lost: same name and folder, same checksum. */
  private async findLanded(to: Destination, sha256: string, md5: string | undefined, signal?: AbortSignal): Promise<DriveFile | undefined> {
    for await (const file of this.api.list(`name = ${quote(to.name)} and ${quote(to.parentId)} in parents and trashed = false and mimeType != ${quote(FOLDER_MIME)}`, signal)) {
      if (file.sha256Checksum ? file.sha256Checksum.toLowerCase() === sha256 : md5 !== undefined && file.md5Checksum?.toLowerCase() === md5) return file;
    }
    return undefined;
  }

  private async verify(file: DriveFile, path: string, hasher: DriveSentHash, expected: ExpectedContent, signal?: AbortSignal): Promise<StoredObject> {
    let stored = storedObject(file, path);
    if (!stored.hashes.md5 && !stored.hashes.sha256 && file.id) stored = storedObject(await this.api.get(file.id, signal), path);
    const sent = await hasher.whole(signal);
    const problems: string[] = [];
    if (sent.sha256 !== expected.sha256) problems.push(`the bytes read from the source have sha256 ${sent.sha256}, not the expected ${expected.sha256}`);
    if (stored.size !== expected.size) problems.push(`Drive stored ${stored.size} bytes, not ${expected.size}`);
    if (!stored.hashes.md5 && !stored.hashes.sha256) problems.push('Drive reported no checksum for the stored file');
    if (stored.hashes.md5 && stored.hashes.md5 !== sent.md5) problems.push(`Drive's md5 ${stored.hashes.md5} differs from the ${sent.md5} sent`);
    if (stored.hashes.sha256 && stored.hashes.sha256 !== sent.sha256) problems.push(`Drive's sha256 ${stored.hashes.sha256} differs from the ${sent.sha256} sent`);
    if (problems.length === 0) return stored;
    const deleted = file.id ? await this.api.delete(file.id, signal).then(() => 'was deleted', (e: unknown) => `could not be deleted (${String(e)})`) : 'has no id to delete';
    throw new IntegrityError(`The copy of ${path} on Google Drive did not check out and ${deleted}: ${problems.join('; ')}.`);
  }
}

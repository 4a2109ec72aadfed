import type { AccessTokenSource } from '../auth/access-token.js';
import type { BackupTarget, ExpectedContent, HashKind, PutOptions, StoredObject, UploadSessionStore } from '../backup-target.js';
import { readRange, type ContentSource } from '../content.js';
import { BackupError, IntegrityError, InvalidPathError, NotFoundError, UnsupportedError } from '../errors.js';
import type { RetryOptions } from '../retry.js';
import { AlbumIndex } from './album-index.js';
import { createItem } from './create-item.js';
import { sniffMedia, SNIFF_BYTES } from './media-sniff.js';
import { DOWNLOAD_SLACK, PhotoMatch } from './photo-match.js';
import { digestItem, downloadItem, type ItemDigest } from './photos-download.js';
import { PhotosHttp } from './photos-http.js';
import { PhotosLibrary, type MediaItem } from './photos-library.js';
import { GOOGLE_PHOTOS_LIMITS } from './photos-limits.js';
import { PhotosUploader } from './photos-upload.js';

export interface GooglePhotosOptions {
  /** The title of the app-created album that is this target's root (found by title, created once). */
  album: string;
  /** Bearer tokens with the photoslibrary.appendonly, .readonly.appcreateddata and .edit.appcreateddata scopes. */
  tokens: AccessTokenSource;
  /** https://photoslibrary.googleapis.com when absent; an emulator's http://127.0.0.1:PORT in tests. */
  apiBase?: string;
  /** Bytes per resumable chunk, rounded to Google's granularity (256 KiB). 8 MiB when absent. */
  chunkSize?: number;
  /** Files up to this size go in one simple upload, larger ones through the resumable protocol. One chunk when absent. */
  simpleUploadMax?: number;
  retry?: RetryOptions;
  /** Which signed-in account, for the target id. */
  account?: string;
  fetch?: typeof fetch;
}

class MemorySessions implements UploadSessionStore {
  private readonly map = new Map<string, unknown>();
  get = async (key: string) => this.map.get(key);
  set = async (key: string, value: unknown) => void this.map.set(key, value);
  delete = async (key: string) => void this.map.delete(key);
}

/**
 * Google Photos as a backup target: an album this app created, holding media items by file name (a flat album:
 * a path's folders are left out, see fileName). Photos reports no hash of its own, so the hashes in `stat`/`list`
 * are computed over the item's download (=d), which costs a download per item not seen before by this target:
 * its sha256, and its sha256-no-gps, because =d leaves the location out of a photo. A photo counts as stored
 * when its download is the photo sent, byte for byte (sha256) or but for its location (sha256-no-gps only:
 * PhotoMatch). Videos are refused before any byte is sent: =dv gives back a re-encoded video, which nothing
 * can check. Not TrashAbility, not RemoveAbility: the Library API can neither delete items nor see the trash (`limits`).
 */
export class GooglePhotosTarget implements BackupTarget {
  readonly kind = 'google-photos';
  readonly medium = 'cloud';
  readonly offsite = true;
  readonly hashKinds: readonly HashKind[] = ['sha256', 'sha256-no-gps'];
  readonly limits = GOOGLE_PHOTOS_LIMITS;
  readonly id: string;
  private readonly http: PhotosHttp;
  private readonly library: PhotosLibrary;
  private readonly uploader: PhotosUploader;
  private readonly index: AlbumIndex;
  /** What the downloads of items (by id) hashed to; an item's bytes never change. */
  private readonly known = new Map<string, ItemDigest>();

  constructor(private readonly options: GooglePhotosOptions) {
    this.id = `google-photos:${options.account ?? 'default'}:${options.album}`;
    this.http = new PhotosHttp(options.tokens, options.apiBase, options.fetch);
    this.library = new PhotosLibrary(this.http, options.retry);
    const chunkSize = options.chunkSize ?? 8 * 1024 * 1024;
    this.uploader = new PhotosUploader(this.http, options.retry ?? {}, chunkSize, options.simpleUploadMax ?? chunkSize);
    this.index = new AlbumIndex(this.library, options.album, options.retry);
  }

  async put(path: string, content: ContentSource, expected: ExpectedContent, options: PutOptions = {}): Promise<StoredObject> {
    const name = fileName(path);
    const signal = options.signal;
    if (content.size !== expected.size) throw new IntegrityError(`${name}: the content is ${content.size} bytes, not the expected ${expected.size}; nothing was uploaded.`);
    const media = sniffMedia(await readRange(content, 0, Math.min(content.size, SNIFF_BYTES)), name);
    if (media.kind === 'video') throw new UnsupportedError(`${name} is a video. ${GOOGLE_PHOTOS_LIMITS.video}`);
    const albumId = await this.index.ensureAlbum(signal);
    const before = await this.index.named(name, signal);
    const match = new PhotoMatch(name, content, expected, signal);
    const limit = expected.size + DOWNLOAD_SLACK;
    for (const item of before) {
      const digest = await this.digest(item, signal, limit);
      const hashes = await match.hashes(digest);
      if (hashes) return this.stored(item, digest, hashes);
    }
    const sessions = options.sessions ?? new MemorySessions();
    const key = `google-photos:${this.id}:${name}:${expected.size}:${expected.sha256}`;
    const job = { name, mimeType: media.mimeType, content, expected, sessions, key, options };
    const retry = { ...this.options.retry, signal };
    const known = new Set(before.map((item) => item.id));
    let item = await createItem(this.library, this.index, { albumId, name, uploaded: await this.uploader.upload(job), known }, retry);
    if (item === 'token-spent') {
      // The token of a session an earlier put stored was used (or expired) and no item of ours is there: upload again.
      await sessions.delete(key);
      item = await createItem(this.library, this.index, { albumId, name, uploaded: { ...(await this.uploader.upload(job)), resumed: false }, known }, retry);
    }
    if (item === 'token-spent') throw new BackupError(`Google Photos refused the upload token of ${name}.`);
    await sessions.delete(key);
    this.index.added(item);
    const digest = await this.digest(item, signal, limit);
    const hashes = await match.hashes(digest);
    if (!hashes) {
      throw new IntegrityError(
        `Google Photos stored ${name} (item ${item.id}) but it reads back as ${digest.truncated ? 'more than ' : ''}${digest.size} bytes with sha256 ${digest.sha256}, ` +
          `not the ${expected.size} bytes with sha256 ${expected.sha256} that were sent, nor that photo without its location. The Library API cannot delete media items, so this copy stays in ` +
          `the album "${this.options.album}": delete it in the Google Photos app (select it → Delete) before backing the file up again.`,
      );
    }
    return this.stored(item, digest, hashes);
  }

  async stat(path: string, signal?: AbortSignal): Promise<StoredObject | null> {
    const item = (await this.index.named(fileName(path), signal))[0];
    if (!item) return null;
    const digest = await this.digest(item, signal);
    return this.stored(item, digest, { sha256: digest.sha256, 'sha256-no-gps': digest.noGps });
  }

  async *list(prefix = '', signal?: AbortSignal): AsyncIterable<StoredObject> {
    for (const item of await this.index.scan(signal)) {
      if (!item.filename.startsWith(prefix)) continue;
      const digest = await this.digest(item, signal);
      yield this.stored(item, digest, { sha256: digest.sha256, 'sha256-no-gps': digest.noGps });
    }
  }

  async *open(path: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    const name = fileName(path);
    const item = (await this.index.named(name, signal))[0];
    if (!item) throw new NotFoundError(`${name} is not in the Google Photos album "${this.options.album}".`);
    yield* downloadItem(this.http, item, signal);
  }

  /** The digest of an item's download, from memory when this target hashed it before. */
  private async digest(item: MediaItem, signal?: AbortSignal, limit?: number): Promise<ItemDigest> {
    const known = this.known.get(item.id);
    if (known) return known;
    const digest = await digestItem(this.http, item, { ...this.options.retry, signal }, limit);
    if (!digest.truncated) this.known.set(item.id, digest);
    return digest;
  }

  /** The item as stored: the size of its download, and the hashes given (put: those that vouch it is the photo sent; stat/list: all). */
  private stored(item: MediaItem, digest: ItemDigest, hashes: StoredObject['hashes']): StoredObject {
    return { path: item.filename, size: digest.size, hashes, id: item.id };
  }
}

/**
 * A Google Photos album is flat: an item is its file name (up to 255 characters, batchCreate's limit). A path's
 * folders are left out (the agent files photos under YYYY/MM/, which an album cannot keep), so 2024/06/IMG_1.jpg
 * is the item IMG_1.jpg, as `put` answers; an empty name, "." or "..", a backslash or NUL is refused.
 */
function fileName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!name || name.length > 255 || /[\\\0]/.test(name) || name === '.' || name === '..') {
    throw new InvalidPathError(`Google Photos keeps a flat album of file names (up to 255 characters): ${JSON.stringify(path)} does not end in one.`);
  }
  return name;
}

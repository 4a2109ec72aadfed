import type { AccessTokenSource } from '../auth/access-token.js';
import type { BackupTarget, ExpectedContent, HashKind, PutOptions, RemoveAbility, StoredObject } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { BackupError, IntegrityError, NotFoundError, TransientError } from '../errors.js';
import { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import type { RetryOptions } from '../retry.js';
import { type DriveItem, type DriveItemPage, isFile, itemHashes, itemId, itemSize, pageItems, toStoredObject } from './drive-item.js';
import { putSmall, verifyCopy } from './verified-copy.js';
import { itemAddress, pathSegments, rootSegments } from './drive-paths.js';
import { GraphApi } from './graph-client.js';
import { uploadInSession } from './session-upload.js';

/** Every fragment of an upload session but the last must be a multiple of this (327,680 bytes). */
export const FRAGMENT_UNIT = 320 * 1024;
/** "This method only supports files up to 4MB in size" (driveitem-put-content). */
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;

export const BUSINESS_TRASH =
  "OneDrive for Business keeps deleted files in its recycle bin, but Microsoft Graph offers no way to list or restore them for work or school accounts: open OneDrive on the web, choose Recycle bin, select the files and choose Restore.";

export interface OneDriveTargetOptions {
  /** The folder in the drive that holds the backup ('Afterimage/Backup'; '' for the drive's top). */
  root: string;
  tokens?: AccessTokenSource;
  /** An emulator's http://127.0.0.1:PORT; Microsoft Graph when absent. */
  apiBase?: string;
  /** Which signed-in account, for the target's id. */
  account?: string;
  /** Bytes per upload-session fragment: a multiple of 320 KiB (10 × 320 KiB when absent). */
  fragmentSize?: number;
  /** Files up to this size go in one PUT …/content, larger ones through an upload session (4 MB at most, the default). */
  simpleUploadMax?: number;
  retry?: RetryOptions;
  /** The fetch used for upload URLs (which are called without the SDK and without a token). */
  fetch?: typeof fetch;
}

/** What an upload hashes: Graph's QuickXorHash of the copy, and sha256 to check against `expected`. */
const SENT_KINDS = ['quickxor', 'sha256'] as const;
const MAX_DEPTH = 64;
const MAX_PAGES = 100_000;

/**
 * A folder in a OneDrive, through Microsoft Graph v1.0 and its SDK. Copies are verified by Graph's
 * QuickXorHash of the stored item against the QuickXorHash of the bytes sent (and those bytes against
 * the expected sha256). This class serves OneDrive for Business too; OneDrivePersonalTarget adds the
 * recycle bin, which Graph opens to personal drives only.
 */
export class OneDriveTarget implements BackupTarget, RemoveAbility {
  readonly kind = 'onedrive';
  readonly medium = 'cloud';
  readonly offsite = true;
  readonly hashKinds: readonly HashKind[] = ['quickxor'];
  readonly limits: BackupTarget['limits'] = { trash: BUSINESS_TRASH };
  readonly id: string;
  protected readonly api: GraphApi;
  protected readonly root: string[];
  private readonly fragmentSize: number;
  private readonly simpleUploadMax: number;

  constructor(protected readonly options: OneDriveTargetOptions) {
    this.root = rootSegments(options.root);
    this.id = `onedrive:${options.account ?? 'me'}:/${this.root.join('/')}`;
    this.api = new GraphApi({ tokens: options.tokens, apiBase: options.apiBase, retry: options.retry });
    this.fragmentSize = options.fragmentSize ?? 10 * FRAGMENT_UNIT;
    if (this.fragmentSize <= 0 || this.fragmentSize % FRAGMENT_UNIT !== 0 || this.fragmentSize >= 60 * 1024 * 1024) {
      throw new RangeError(`A OneDrive fragment must be a multiple of 320 KiB under 60 MiB, not ${this.fragmentSize} bytes.`);
    }
    this.simpleUploadMax = Math.min(options.simpleUploadMax ?? SIMPLE_UPLOAD_LIMIT, SIMPLE_UPLOAD_LIMIT);
  }

  /** The drive's type and quota (GET /me/drive). */
  async driveInfo(signal?: AbortSignal): Promise<{ driveType: string; quota?: { total?: number; remaining?: number } }> {
    const drive = (await this.api.request('reading the drive', (c) => c.api('/me/drive').option('signal', signal).get(), signal)) as { driveType?: unknown; quota?: { total?: number; remaining?: number } };
    return { driveType: typeof drive?.driveType === 'string' ? drive.driveType : 'unknown', quota: drive?.quota };
  }

  async put(path: string, content: ContentSource, expected: ExpectedContent, options: PutOptions = {}): Promise<StoredObject> {
    const segments = [...this.root, ...pathSegments(path)];
    const { signal } = options;
    const size = content.size;
    if (size !== expected.size) throw new IntegrityError(`${path} is ${size} bytes long, but ${expected.size} were expected; nothing was uploaded.`);
    const sessionKey = `onedrive:${this.id}:${segments.join('/')}:${size}:${expected.sha256}`;
    const there = await this.item(segments, signal);
    if (there && isFile(there) && itemSize(there) === size) {
      const digests = await new SentBytesHash(content, SENT_KINDS).whole(signal);
      if (digests.sha256 !== expected.sha256) throw new IntegrityError(`The bytes read for ${path} are not the ones expected (sha256 ${digests.sha256}, expected ${expected.sha256}); nothing was uploaded.`);
      if (itemHashes(there).quickxor === digests.quickxor) {
        // Already there (maybe an earlier run's upload whose last answer was lost): its session is done.
        await options.sessions?.delete(sessionKey);
        options.onProgress?.({ committed: size, size });
        return toStoredObject(there, path);
      }
    }
    const hash = new SentBytesHash(content, SENT_KINDS);
    const item =
      size <= this.simpleUploadMax
        ? await putSmall(this.api, itemAddress(segments), content, hash, expected, path, options)
        : await uploadInSession({
            api: this.api,
            address: itemAddress(segments),
            content,
            hash,
            fragmentSize: this.fragmentSize,
            sessionKey,
            options,
            allowHttp: this.options.apiBase?.startsWith('http://') ?? false,
            fetchImpl: this.options.fetch,
            stat: () => this.item(segments, signal),
          });
    return verifyCopy({ path, uploaded: item, hash, expected, restat: () => this.item(segments, signal), remove: (id) => this.removeItem(id, signal) });
  }

  /** The item at `segments` (file or folder), or null. */
  protected async item(segments: readonly string[], signal?: AbortSignal): Promise<DriveItem | null> {
    const what = `looking up /${segments.join('/')}`;
    return (this.api.request(what, (c) => c.api(itemAddress(segments)).option('signal', signal).get(), signal) as Promise<DriveItem>).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  async stat(path: string): Promise<StoredObject | null> {
    const item = await this.item([...this.root, ...pathSegments(path)]);
    return item && isFile(item) ? toStoredObject(item, path) : null;
  }

  async *list(prefix = '', signal?: AbortSignal): AsyncIterable<StoredObject> {
    const folder = await this.item([...this.root, ...pathSegments(prefix, 'prefix')], signal);
    if (!folder?.folder) return;
    const queue: { id: string; rel: string; depth: number }[] = [{ id: itemId(folder), rel: prefix, depth: 0 }];
    for (let next = queue.shift(); next; next = queue.shift()) {
      let link: string | undefined = `/me/drive/items/${encodeURIComponent(next.id)}/children`;
      for (let pages = 1; link; pages++) {
        if (pages > MAX_PAGES) throw new BackupError(`OneDrive kept sending pages of ${next.rel || 'the folder'}; listing stopped after ${MAX_PAGES}.`);
        const current: string = link;
        const page = (await this.api.request(`listing ${next.rel || 'the backup folder'}`, (c) => c.api(current).option('signal', signal).get(), signal)) as DriveItemPage;
        for (const child of pageItems(page)) {
          if (typeof child.name !== 'string' || child.name === '' || child.name.includes('/')) throw new BackupError('OneDrive listed an item without a usable name.');
          const rel = next.rel ? `${next.rel}/${child.name}` : child.name;
          if (child.folder && next.depth < MAX_DEPTH) queue.push({ id: itemId(child), rel, depth: next.depth + 1 });
          else if (isFile(child)) yield toStoredObject(child, rel);
        }
        link = page['@odata.nextLink'] === undefined ? undefined : this.api.relativeLink(page['@odata.nextLink']);
      }
    }
  }

  async *open(path: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    const address = `${itemAddress([...this.root, ...pathSegments(path)])}/content`;
    const body = (await this.api.request(`downloading ${path}`, (c) => c.api(address).option('signal', signal).getStream(), signal)) as ReadableStream<Uint8Array> | null;
    if (!body) return;
    const chunks = (body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    let done = false;
    try {
      while (!done) {
        const step = await chunks.next().catch((error: unknown) => {
          if (signal?.aborted) throw signal.reason;
          throw new TransientError(`The connection to OneDrive dropped while downloading ${path}.`, undefined, { cause: error });
        });
        done = !!step.done;
        if (!step.done) yield Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength);
      }
    } finally {
      // A reader that stops early releases the connection.
      if (!done) await chunks.return?.().catch(() => undefined);
    }
  }

  /** Moves the file to OneDrive's recycle bin (DELETE /me/drive/items/{id}). */
  async remove(path: string, signal?: AbortSignal): Promise<void> {
    const item = await this.item([...this.root, ...pathSegments(path)], signal);
    if (!item || !isFile(item)) throw new NotFoundError(`${path} is not in the OneDrive folder /${this.root.join('/')}.`);
    await this.removeItem(itemId(item), signal);
  }

  protected async removeItem(id: string, signal?: AbortSignal): Promise<void> {
    await this.api.request('removing a file', (c) => c.api(`/me/drive/items/${encodeURIComponent(id)}`).option('signal', signal).delete(), signal).catch((error: unknown) => {
      // A retried DELETE whose first answer was lost finds the item gone: that is the wanted end.
      if (!(error instanceof NotFoundError)) throw error;
    });
  }
}

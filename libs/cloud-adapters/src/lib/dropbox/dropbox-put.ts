import type { Dropbox } from 'dropbox';
import type { ExpectedContent, PutOptions, StoredObject } from '../backup-target.js';
import { readRange, type ContentSource } from '../content.js';
import { IntegrityError } from '../errors.js';
import { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import type { DropboxClient } from './dropbox-client.js';
import { hasTag, routeErrorOf } from './dropbox-errors.js';
import { contentHashOf, isFile, revOf, sizeOf, toStored, type DropboxFileFields } from './dropbox-metadata.js';
import type { DropboxPaths } from './dropbox-paths.js';
import { SessionSlot } from './dropbox-session-store.js';
import { SENT_KINDS, uploadInSession, type Uploaded } from './dropbox-session-upload.js';

export interface PutContext {
  client: DropboxClient;
  paths: DropboxPaths;
  /** Files above this go through an upload session, in chunks of this size. */
  chunkSize: number;
  /** Keys the upload sessions of this target in the caller's store. */
  targetId: string;
}

/** The file at a Dropbox path in one call (no retry), or undefined when nothing (or a folder) is there. */
export async function statFile(dropbox: Dropbox, full: string): Promise<DropboxFileFields | undefined> {
  try {
    const { result } = await dropbox.filesGetMetadata({ path: full });
    return isFile(result as DropboxFileFields) ? (result as DropboxFileFields) : undefined;
  } catch (error) {
    if (hasTag(routeErrorOf(error), 'not_found')) return undefined;
    throw error;
  }
}

/** A small file in one files/upload call, mode overwrite (so a retry after a lost answer replaces, never duplicates). */
async function uploadWhole(ctx: PutContext, full: string, content: ContentSource, expected: ExpectedContent, signal?: AbortSignal): Promise<Uploaded> {
  const bytes = await readRange(content, 0, content.size);
  const hash = new SentBytesHash(content, SENT_KINDS);
  await hash.advance(bytes.length, { start: 0, bytes });
  const sent = hash.digests();
  if (bytes.length !== expected.size || sent['sha256'] !== expected.sha256) {
    throw new IntegrityError(`The bytes read for ${full} (${bytes.length} bytes, sha256 ${sent['sha256']}) are not the expected ${expected.size} bytes, ${expected.sha256}; nothing was uploaded.`);
  }
  const metadata = await ctx.client.call(`Uploading ${full}`, signal, async (dropbox) => {
    const { result } = await dropbox.filesUpload({ path: full, mode: { '.tag': 'overwrite' }, autorename: false, mute: true, content_hash: sent['dropbox'], contents: bytes });
    return result as DropboxFileFields;
  });
  return { metadata, sent };
}

/** Undoes a commit that failed its check: the previous revision back if there was one, else the file deleted. */
async function revert(ctx: PutContext, full: string, before: DropboxFileFields | undefined): Promise<string> {
  const rev = revOf(before?.rev);
  try {
    await ctx.client.call(`Undoing the upload of ${full}`, undefined, async (dropbox) => {
      if (rev) await dropbox.filesRestore({ path: full, rev });
      else await dropbox.filesDeleteV2({ path: full });
    });
    return rev ? 'the previous version was put back' : 'the copy was deleted';
  } catch (error) {
    return `removing the copy failed too (${(error as Error).message})`;
  }
}

/**
 * BackupTarget.put for Dropbox. A file already at the path with the same size and content_hash
 * (computed locally, with the sha256 checked against `expected`) is returned as it is, uploading
 * nothing. Otherwise the bytes go up (one call, or a resumable session above `chunkSize`) while their
 * sha256 and Dropbox content hash are computed; the copy counts only when Dropbox's content_hash and
 * size of the stored file equal those of the bytes sent, and the sha256 equals `expected`.
 */
export async function putToDropbox(ctx: PutContext, path: string, content: ContentSource, expected: ExpectedContent, options: PutOptions = {}): Promise<StoredObject> {
  const full = ctx.paths.full(path);
  const signal = options.signal;
  if (content.size !== expected.size) throw new IntegrityError(`${path} is ${content.size} bytes to send but ${expected.size} were expected; nothing was uploaded.`);
  const before = await ctx.client.call(`Looking up ${full}`, signal, (dropbox) => statFile(dropbox, full));
  const there = before && sizeOf(before.size) === expected.size && contentHashOf(before.content_hash) ? before : undefined;
  if (there) {
    const local = await new SentBytesHash(content, SENT_KINDS).whole(signal);
    if (local['sha256'] !== expected.sha256) throw new IntegrityError(`The bytes read for ${path} hash to sha256 ${local['sha256']}, not the expected ${expected.sha256}; nothing was uploaded.`);
    const stored = local['dropbox'] === there.content_hash ? toStored(there, path) : undefined;
    if (stored) return stored;
  }
  const slot = new SessionSlot(options.sessions, `${ctx.targetId}:${full.toLowerCase()}:${expected.sha256}`, content.size);
  const { metadata, sent } =
    content.size > ctx.chunkSize
      ? await uploadInSession({ client: ctx.client, full, content, expected, chunkSize: ctx.chunkSize, options, slot, stat: (dropbox) => statFile(dropbox, full) })
      : await uploadWhole(ctx, full, content, expected, signal);
  const stored = toStored(metadata, path);
  if (!stored || stored.size !== expected.size || stored.hashes.dropbox !== sent['dropbox'] || sent['sha256'] !== expected.sha256) {
    const undone = await revert(ctx, full, before);
    throw new IntegrityError(
      `Dropbox stored ${path} as ${String(metadata.size)} bytes with content_hash ${String(metadata.content_hash)}, but ${expected.size} bytes hashing to ${sent['dropbox']} were sent; ${undone}.`,
    );
  }
  if (content.size <= ctx.chunkSize) options.onProgress?.({ committed: stored.size, size: stored.size });
  return stored;
}

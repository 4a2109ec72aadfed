import type { ExpectedContent, PutOptions, StoredObject } from '../backup-target.js';
import { type ContentSource, readRange } from '../content.js';
import { IntegrityError } from '../errors.js';
import type { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import { type DriveItem, itemHashes, itemId, itemSize, toStoredObject } from './drive-item.js';
import type { GraphApi } from './graph-client.js';

/**
 * A simple upload (PUT {address}/content, for files up to 4 MB): the whole file in one request. Bytes
 * that do not match `expected` are refused before anything is sent, so no wrong copy ever exists.
 */
export async function putSmall(api: GraphApi, address: string, content: ContentSource, hash: SentBytesHash<'quickxor' | 'sha256'>, expected: ExpectedContent, path: string, options: PutOptions): Promise<DriveItem> {
  const bytes = await readRange(content, 0, content.size);
  await hash.advance(bytes.length, { start: 0, bytes });
  const local = hash.digests();
  if (local.size !== expected.size || local.sha256 !== expected.sha256) {
    throw new IntegrityError(`The bytes read for ${path} are not the ones expected (${local.size} bytes, sha256 ${local.sha256}; expected ${expected.sha256}); nothing was uploaded.`);
  }
  const item = (await api.request(`uploading ${path}`, (c) => c.api(`${address}/content`).header('Content-Type', 'application/octet-stream').option('signal', options.signal).put(bytes), options.signal)) as DriveItem;
  options.onProgress?.({ committed: bytes.length, size: bytes.length });
  return item;
}

export interface CopyCheck {
  path: string;
  /** The driveItem the upload answered with. */
  uploaded: DriveItem;
  /** The hashes of the bytes that were sent (complete). */
  hash: SentBytesHash<'quickxor' | 'sha256'>;
  expected: ExpectedContent;
  /** The item as Graph describes it now (asked when the upload's answer carried no hash yet). */
  restat(): Promise<DriveItem | null>;
  remove(id: string): Promise<void>;
}

/**
 * The copy counts only when Graph's QuickXorHash (and size) of the stored item equal those of the bytes
 * sent, and those bytes are the ones expected (sha256). Otherwise the copy is removed and the put fails
 * with IntegrityError, saying what differed.
 */
export async function verifyCopy(check: CopyCheck): Promise<StoredObject> {
  const local = check.hash.digests();
  // Graph may answer before it has hashed the file ("hash values may not be available"): ask again.
  const item = itemHashes(check.uploaded).quickxor ? check.uploaded : ((await check.restat()) ?? check.uploaded);
  const theirs = itemHashes(item).quickxor;
  let problem: string | undefined;
  if (local.size !== check.expected.size || local.sha256 !== check.expected.sha256) problem = `the bytes read were not the ones expected (sha256 ${local.sha256}, expected ${check.expected.sha256})`;
  else if (itemSize(item) !== local.size) problem = `OneDrive stored ${itemSize(item)} bytes of the ${local.size} sent`;
  else if (theirs !== local.quickxor) problem = `OneDrive's QuickXorHash of the copy is ${theirs ?? 'missing'}, the bytes sent hash to ${local.quickxor}`;
  if (!problem) return toStoredObject(item, check.path);
  const removed = await check.remove(itemId(item)).then(
    () => 'The copy was removed.',
    () => 'The copy could not be removed: delete it by hand.',
  );
  throw new IntegrityError(`${check.path} was not backed up: ${problem}. ${removed}`);
}

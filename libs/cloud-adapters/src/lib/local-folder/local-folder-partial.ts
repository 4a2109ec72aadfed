import { randomUUID } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ExpectedContent, PutOptions, UploadSessionStore } from '../backup-target.js';
import type { ContentSource } from '../content.js';

/** Hidden files a put writes before renaming them into place; list() never shows them. */
export const PARTIAL_NAME = /^\.[0-9a-f-]{36}\.partial$/;

/** What a local-folder put keeps in the sessions store so an interrupted copy resumes. */
interface SavedPartial {
  partial: string;
  size: number;
  sha256: string;
}

function isSaved(value: unknown): value is SavedPartial {
  const v = value as Partial<SavedPartial> | undefined;
  return typeof v?.partial === 'string' && PARTIAL_NAME.test(v.partial) && typeof v.size === 'number' && typeof v.sha256 === 'string';
}

export interface PartialFile {
  file: string;
  /** Bytes already in the file from an earlier attempt at the same content. */
  offset: number;
}

/**
 * The partial file for this put. With a sessions store, the partial of an interrupted put of the same
 * content (same size and sha256) is picked up from its length; anything else starts a new one. The
 * final read-back check covers the kept bytes, so a damaged partial ends in IntegrityError, not a bad copy.
 */
export async function partialFor(folder: string, key: string, expected: ExpectedContent, sessions?: UploadSessionStore): Promise<PartialFile> {
  const saved = sessions ? await sessions.get(key) : undefined;
  if (isSaved(saved)) {
    const file = join(folder, saved.partial);
    const length = (await stat(file).catch(() => undefined))?.size;
    if (saved.size === expected.size && saved.sha256 === expected.sha256 && length !== undefined && length <= expected.size) {
      return { file, offset: length };
    }
    await rm(file, { force: true });
  }
  const file = join(folder, `.${randomUUID()}.partial`);
  await sessions?.set(key, { partial: basename(file), size: expected.size, sha256: expected.sha256 } satisfies SavedPartial);
  return { file, offset: 0 };
}

/** Appends the content from `partial.offset` on, reporting progress and stopping at the signal; then syncs. */
export async function writeRest(partial: PartialFile, content: ContentSource, options: PutOptions): Promise<void> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const handle = await open(partial.file, partial.offset > 0 ? 'r+' : 'wx');
  try {
    let written = partial.offset;
    if (written > 0) onProgress?.({ committed: written, size: content.size });
    for await (const chunk of content.read(written)) {
      signal?.throwIfAborted();
      await handle.write(chunk, 0, chunk.length, written);
      written += chunk.length;
      onProgress?.({ committed: written, size: content.size });
    }
    await handle.truncate(written);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

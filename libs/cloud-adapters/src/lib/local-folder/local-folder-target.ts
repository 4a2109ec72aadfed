import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import type { BackupTarget, ExpectedContent, HashKind, PutOptions, RemoveAbility, StoredObject } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { IntegrityError, InvalidPathError, NotFoundError } from '../errors.js';
import { PARTIAL_NAME, partialFor, writeRest } from './local-folder-partial.js';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A folder on this machine or an external drive, as a backup target. */
export class LocalFolderTarget implements BackupTarget, RemoveAbility {
  readonly kind = 'local-folder';
  readonly medium = 'disk';
  readonly hashKinds: readonly HashKind[] = ['sha256'];
  readonly limits = { trash: 'A folder has no trash of its own to list.' };

  /** `offsite`: a drive the owner keeps at another address (the owner says so; nothing can check it). */
  constructor(
    readonly root: string,
    readonly id = `local-folder:${root}`,
    readonly offsite = false,
  ) {}

  private resolve(path: string): string {
    const parts = path.split('/');
    if (!path || path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) {
      throw new InvalidPathError(`Not a plain relative path: ${JSON.stringify(path)}`);
    }
    return join(this.root, ...parts);
  }

  /**
   * Writes a hidden partial file, reads it back to check size and sha256, then renames it into place.
   * With `options.sessions`, an interrupted put (aborted, or the agent stopped) keeps its partial and
   * the next put of the same content appends from where it stopped: a big video on a slow external
   * drive does not start over.
   */
  async put(path: string, content: ContentSource, expected: ExpectedContent, options: PutOptions = {}): Promise<StoredObject> {
    const target = this.resolve(path);
    const sessions = options.sessions;
    const key = `${this.id}:${path}`;
    options.signal?.throwIfAborted();
    const there = await this.stat(path);
    if (there && there.size === expected.size && there.hashes.sha256 === expected.sha256) return there;
    await mkdir(dirname(target), { recursive: true });
    const partial = await partialFor(dirname(target), key, expected, sessions);
    let keep = false;
    try {
      await writeRest(partial, content, options);
      const written = await this.describe(partial.file, path);
      if (written.size !== expected.size || written.hashes.sha256 !== expected.sha256) {
        throw new IntegrityError(`The copy of ${path} reads back as ${written.size} bytes, sha256 ${written.hashes.sha256}; expected ${expected.size} bytes, ${expected.sha256}.`);
      }
      await rename(partial.file, target);
      return written;
    } catch (error) {
      keep = sessions !== undefined && !(error instanceof IntegrityError);
      throw error;
    } finally {
      if (!keep) {
        await rm(partial.file, { force: true });
        await sessions?.delete(key);
      }
    }
  }

  private async describe(file: string, path: string): Promise<StoredObject> {
    const info = await stat(file);
    return { path, size: info.size, hashes: { sha256: await sha256Of(file) } };
  }

  async stat(path: string): Promise<StoredObject | null> {
    const file = this.resolve(path);
    const info = await stat(file).catch(() => undefined);
    return info?.isFile() ? this.describe(file, path) : null;
  }

  async *list(prefix = ''): AsyncIterable<StoredObject> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || PARTIAL_NAME.test(entry.name)) continue;
      const path = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join(posix.sep);
      if (!prefix || path.startsWith(`${prefix}/`)) yield await this.describe(join(entry.parentPath, entry.name), path);
    }
  }

  async *open(path: string): AsyncIterable<Buffer> {
    const file = this.resolve(path);
    if (!(await stat(file).catch(() => undefined))?.isFile()) throw new NotFoundError(`${path} is not in ${this.root}.`);
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  }

  async remove(path: string): Promise<void> {
    const file = this.resolve(path);
    if (!(await stat(file).catch(() => undefined))?.isFile()) throw new NotFoundError(`${path} is not in ${this.root}.`);
    await rm(file);
  }
}

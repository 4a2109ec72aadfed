import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import type { BackupTarget, ExpectedContent, StoredObject } from '../backup-target.js';
import { IntegrityError, InvalidPathError } from '../errors.js';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A folder on this machine or an external drive, as a backup target. */
export class LocalFolderTarget implements BackupTarget {
  readonly kind = 'local-folder';
  readonly offsite = false;
  readonly medium = 'disk';

  constructor(
    readonly root: string,
    readonly id = `local-folder:${root}`,
  ) {}

  private resolve(path: string): string {
    const parts = path.split('/');
    if (!path || path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) {
      throw new InvalidPathError(`Not a plain relative path: ${JSON.stringify(path)}`);
    }
    return join(this.root, ...parts);
  }

  async put(path: string, content: AsyncIterable<Buffer>, expected: ExpectedContent, signal?: AbortSignal): Promise<StoredObject> {
    const target = this.resolve(path);
    await mkdir(dirname(target), { recursive: true });
    const partial = join(dirname(target), `.${randomUUID()}.partial`);
    try {
      const handle = await open(partial, 'wx');
      try {
        for await (const chunk of content) {
          signal?.throwIfAborted();
          await handle.write(chunk);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      const written = await this.describe(partial, path);
      if (written.size !== expected.size || written.hashes.sha256 !== expected.sha256) {
        throw new IntegrityError(`The copy of ${path} reads back as ${written.size} bytes, sha256 ${written.hashes.sha256}; expected ${expected.size} bytes, ${expected.sha256}.`);
      }
      await rename(partial, target);
      return written;
    } finally {
      await rm(partial, { force: true });
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
      if (!entry.isFile() || entry.name.endsWith('.partial')) continue;
      const path = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join(posix.sep);
      if (path.startsWith(prefix)) yield await this.describe(join(entry.parentPath, entry.name), path);
    }
  }

  async *open(path: string): AsyncIterable<Buffer> {
    for await (const chunk of createReadStream(this.resolve(path))) yield chunk as Buffer;
  }
}

import { FOLDER_MIME, type DriveApi, type DriveFile } from './drive-api.js';
import { quote } from './drive-paths.js';

const oldestFirst = (a: DriveFile, b: DriveFile) => (a.createdTime ?? '').localeCompare(b.createdTime ?? '') || (a.id ?? '').localeCompare(b.id ?? '');

/**
 * Folder paths → Drive folder ids under a root folder path in My Drive. Ids are cached; a folder is looked
 * up before it is created, and concurrent puts share one creation per folder, so two puts never create
 * the same folder twice. Should another client create it at the same moment, the oldest one wins and an
 * empty folder we just made is deleted again.
 */
export class DriveFolders {
  private readonly known = new Map<string, Promise<string>>();

  constructor(
    private readonly api: DriveApi,
    /** The root folder's path under My Drive, as names ([] for My Drive itself). */
    private readonly root: readonly string[],
  ) {}

  /** The id of the folder at `parts` under the root, or undefined when it is not there (nothing is created). */
  async find(parts: readonly string[], signal?: AbortSignal): Promise<string | undefined> {
    let parentId = 'root';
    const full = [...this.root, ...parts];
    for (const [index, name] of full.entries()) {
      const key = full.slice(0, index + 1).join('/');
      const cached = this.known.get(key);
      const id = cached ? await cached : (await this.lookup(parentId, name, signal))?.id;
      if (!id) return undefined;
      if (!cached) this.known.set(key, Promise.resolve(id));
      parentId = id;
    }
    return parentId;
  }

  /** The id of the folder at `parts` under the root, creating what is missing. */
  ensure(parts: readonly string[], signal?: AbortSignal): Promise<string> {
    return this.ensureFull([...this.root, ...parts], signal);
  }

  private ensureFull(full: readonly string[], signal?: AbortSignal): Promise<string> {
    const name = full.at(-1);
    if (name === undefined) return Promise.resolve('root');
    const key = full.join('/');
    let pending = this.known.get(key);
    if (!pending) {
      pending = this.ensureFull(full.slice(0, -1), signal).then((parentId) => this.findOrCreate(parentId, name, signal));
      pending.catch(() => this.known.delete(key));
      this.known.set(key, pending);
    }
    return pending;
  }

  private async lookup(parentId: string, name: string, signal?: AbortSignal): Promise<DriveFile | undefined> {
    const found: DriveFile[] = [];
    for await (const file of this.api.list(`name = ${quote(name)} and ${quote(parentId)} in parents and mimeType = ${quote(FOLDER_MIME)} and trashed = false`, signal)) {
      if (file.id && file.name === name) found.push(file);
      if (found.length >= 100) break;
    }
    return found.sort(oldestFirst)[0];
  }

  private findOrCreate(parentId: string, name: string, signal?: AbortSignal): Promise<string> {
    return this.api.retry(async () => {
      const there = await this.lookup(parentId, name, signal);
      if (there?.id) return there.id;
      const made = await this.api.createFolder(name, parentId, signal);
      const winner = await this.lookup(parentId, name, signal);
      if (winner?.id && made.id && winner.id !== made.id) {
        await this.api.delete(made.id, signal);
        return winner.id;
      }
      if (!made.id) throw new Error(`Google Drive created the folder ${name} without giving its id.`);
      return made.id;
    }, signal);
  }
}

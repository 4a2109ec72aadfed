import type { UploadSessionStore } from './backup-target.js';

/**
 * An UploadSessionStore in a Map. Values go through JSON as they do in the agent's SQLite table, so an
 * adapter that stores something that is not JSON-able (a Date, a class) finds out here.
 */
export class MapSessionStore implements UploadSessionStore {
  readonly entries = new Map<string, string>();

  async get(key: string): Promise<unknown | undefined> {
    const json = this.entries.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.entries.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

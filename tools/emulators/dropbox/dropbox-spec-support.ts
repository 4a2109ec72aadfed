import { createHash } from 'node:crypto';
import type { DropboxTarget, ExpectedContent, UploadSessionStore } from '@afterimage/cloud-adapters';
import type { DropboxHarness } from './dropbox-harness.js';
import { TEST_CHUNK } from './dropbox-harness.js';

/** Deterministic bytes of any size (a pattern that does not repeat within a 4 MiB block). */
export const bytesOf = (size: number, seed: number): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed * 7 + (i >> 9)) & 0xff));

export const expected = (bytes: Buffer): ExpectedContent => ({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });

/** A file of 3.5 test chunks: three full chunks and a half one. */
export const LARGE = Math.floor(TEST_CHUNK * 3.5);

/** An UploadSessionStore in a Map, through JSON as the agent's SQLite would keep it. */
export class Sessions implements UploadSessionStore {
  readonly map = new Map<string, unknown>();
  get = async (key: string) => this.map.get(key);
  set = async (key: string, value: unknown) => void this.map.set(key, JSON.parse(JSON.stringify(value)));
  delete = async (key: string) => void this.map.delete(key);
}

/** What the emulator saw, for the checks a user would make: requests sent and files kept. */
export function emulatorView(harness: DropboxHarness) {
  return {
    /** The emulator's request count now (a mark for `requestsSince`). */
    mark: async () => (await harness.emulator()).log.length,
    /** The requests since a mark, as route, bytes received, status and injected fault. */
    requestsSince: async (from: number) =>
      (await harness.emulator()).log.slice(from).map((r) => ({ path: r.path.replace('/2/files/', ''), bytes: r.bytesIn, status: r.status, fault: r.fault })),
    /** The live files under a target's folder in the emulator's store, with their revision counts. */
    storedUnder: async (target: DropboxTarget) => {
      const root = target.id.slice(target.id.indexOf(':/') + 1).toLowerCase();
      const files = [...(await harness.emulator()).store.files];
      return files.filter(([lower, node]) => lower.startsWith(`${root}/`) && !node.deletedAt).map(([lower, node]) => ({ lower, revisions: node.revisions.length }));
    },
  };
}

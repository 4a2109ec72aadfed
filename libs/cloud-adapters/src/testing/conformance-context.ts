import { it } from 'vitest';
import type { BackupTarget } from '../lib/backup-target.js';
import type { ConformanceFaults, ConformanceHarness } from './conformance.js';

/** The suite's tests by key; the names are what `knownFailures` refers to, so they stay stable. */
export const TEST_NAMES = {
  roundTrip: 'put then stat, list and open give back the same bytes',
  providerHashes: 'stat reports the provider hashes, equal to those computed over the bytes sent',
  secondPut: 'a second put of the same content uploads nothing',
  integrity: 'a put whose bytes do not match what was expected is refused with IntegrityError and leaves no copy',
  listPrefix: 'list(prefix) gives the objects under that folder and nothing beside it',
  unicode: 'names with accents, emoji and spaces come back exactly',
  missing: 'stat of a missing path is null and open of it is NotFoundError',
  large: 'a large file goes through the resumable protocol with progress rising to its size',
  abort: 'an aborted upload rejects with AbortError and leaves nothing that counts',
  resume: 'an interrupted upload put again with the same sessions store resumes instead of starting over',
  rateLimit: 'a 429 with Retry-After on the first chunk is waited out and the upload succeeds',
  serverErrors: 'two 500s on a chunk are retried and the upload succeeds',
  cut: 'a connection cut during the 2nd chunk costs less than one chunk resent',
  dropFinish: 'a lost response to the last request still leaves exactly one object with the right bytes',
  expire: 'an upload session that expires after the 1st chunk is replaced and the upload succeeds once',
  remove: 'remove deletes the object, or limits.remove says why it cannot',
  trash: 'a removed object is listed in the trash and restored with the same hash, or limits.trash says why not',
  trashPreview: 'a removed photo is previewed from the trash within maxBytes and stays there, or limits.preview says why not',
} as const;

export type TestKey = keyof typeof TEST_NAMES;
export const CONFORMANCE_TESTS: readonly string[] = Object.values(TEST_NAMES);

/** Room for the small JSON/metadata bodies around an upload when counting the bytes an emulator received. */
export const METADATA_ALLOWANCE = 16 * 1024;

export interface ConformanceContext {
  readonly harness: ConformanceHarness;
  /** The size of the file that goes through the resumable protocol: ~3.5 chunks, the last one partial. */
  readonly largeSize: number;
  /** `photos/2024/IMG_0001.jpg` as the target keeps it (just the file name in a flat album). */
  path(path: string): string;
  fresh(): Promise<BackupTarget>;
  /** Registers a test: as a known failure (it.fails, so a fix is noticed) when the harness lists it. */
  test(key: TestKey, body: () => Promise<void>): void;
  /** Registers a test that needs the emulator's faults; skipped, saying why, when there are none. */
  faultTest(key: TestKey, body: (faults: ConformanceFaults) => Promise<void>): void;
}

export function conformanceContext(harness: ConformanceHarness): ConformanceContext {
  const register = (key: TestKey, body: () => Promise<void>) => {
    const name = TEST_NAMES[key];
    const reason = harness.knownFailures?.[name];
    if (reason) it.fails(`${name} [known failure: ${reason}]`, body);
    else it(name, body);
  };
  return {
    harness,
    largeSize: Math.floor(harness.resumableAbove * 3.5) + 123,
    path: (path) => (harness.folders ? path : path.slice(path.lastIndexOf('/') + 1)),
    fresh: () => harness.makeTarget(),
    test: register,
    faultTest(key, body) {
      const faults = harness.faults;
      if (faults) register(key, () => body(faults));
      else it.skip(`${TEST_NAMES[key]} [skipped: this target has no emulator to inject faults into]`, () => undefined);
    },
  };
}

import { afterAll, afterEach, describe } from 'vitest';
import type { BackupTarget } from '../lib/backup-target.js';
import { coreConformance } from './conformance-core.js';
import { faultConformance } from './conformance-faults.js';
import { resumeConformance } from './conformance-resume.js';
import { trashConformance } from './conformance-trash.js';
import { trashPreviewConformance } from './conformance-trash-preview.js';
import { CONFORMANCE_TESTS, conformanceContext } from './conformance-context.js';

export interface ConformanceFaults {
  /** Adds a fault rule to the emulator (tools/emulators/lib/faults.ts FaultRule). */
  add(rule: {
    kind: 'rate-limit' | 'server-error' | 'cut-request' | 'drop-response' | 'expire-session';
    method?: string;
    path?: string | RegExp;
    times?: number;
    skip?: number;
    retryAfterSeconds?: number;
  }): void;
  clear(): void;
  /** Bytes of request bodies the emulator has received so far (to prove a resume did not start over). */
  bytesReceived(): number;
  /** Requests the emulator has answered so far. */
  requests(): number;
  /** The request that sends one chunk of a resumable upload (Drive: PUT /upload/drive/v3/files; Dropbox: POST /2/files/upload_session/append_v2; Graph: PUT on the upload URL; Photos: POST /v1/uploads with X-Goog-Upload-Command upload). */
  chunk: { method: string; path: string | RegExp };
  /** The request that ends an upload (the last chunk, finish or batchCreate). */
  finish: { method: string; path: string | RegExp };
}

export interface ConformanceHarness {
  /** A fresh, empty target for each test (its own folder / album). */
  makeTarget(): Promise<BackupTarget>;
  /** Runs once, after the last test of the suite. */
  cleanup?(): Promise<void>;
  /** Present when the target talks to an emulator; the fault tests are skipped (and say so) without it. */
  faults?: ConformanceFaults;
  /** Files above this size use the resumable protocol; the suite uploads one of ~3.5× this size. Keep it small in tests (adapters take a chunk-size option, e.g. 256 KiB / 320 KiB). */
  resumableAbove: number;
  /** Folder paths are kept (false for Google Photos, which keeps a flat album: the suite then uses plain file names). */
  folders: boolean;
  /** Tests this adapter is known to fail, by name (see CONFORMANCE_TESTS), with the reason (rclone's known failures). */
  knownFailures?: Record<string, string>;
}

/**
 * Registers the shared suite (in the spirit of rclone's fstests) as `describe('<adapter> conformance', …)`.
 * Tests run in order, each on a fresh target from `makeTarget`; fault rules are cleared after each.
 */
export function describeConformance(adapter: string, harness: ConformanceHarness): void {
  describe(`${adapter} conformance`, () => {
    const unknown = Object.keys(harness.knownFailures ?? {}).filter((name) => !(CONFORMANCE_TESTS as readonly string[]).includes(name));
    if (unknown.length) throw new Error(`${adapter}: knownFailures names tests the suite does not have: ${unknown.join(', ')}`);
    const context = conformanceContext(harness);
    afterEach(() => harness.faults?.clear());
    afterAll(async () => harness.cleanup?.());
    coreConformance(context);
    resumeConformance(context);
    faultConformance(context);
    trashConformance(context);
    trashPreviewConformance(context);
  });
}

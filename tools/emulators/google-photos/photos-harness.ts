import { GooglePhotosTarget, staticToken, type RetryOptions } from '@afterimage/cloud-adapters';
import type { ConformanceFaults, ConformanceHarness } from '@afterimage/cloud-adapters/testing';
import { startGooglePhotosEmulator, type GooglePhotosEmulator } from './google-photos-emulator.js';
import { CHUNK_GRANULARITY } from './upload-routes.js';

/** POST /v1/uploads carries the start, the chunks and the queries; a chunk is the one whose command says upload. */
const CHUNK_PATH = /^\/v1\/uploads$/;

export interface PhotosHarness extends ConformanceHarness {
  faults: ConformanceFaults;
  emulator(): Promise<GooglePhotosEmulator>;
  /** A target on its own album, with these retry options (a recording `sleep`, say). */
  target(retry?: RetryOptions, extra?: { fetch?: typeof fetch }): Promise<GooglePhotosTarget>;
}

/** Files above 2 MiB go resumable, in chunks of one granularity (256 KiB): a resent chunk is a small part of a large file. */
export const SIMPLE_MAX = 8 * CHUNK_GRANULARITY;

/** One emulator, started on first use, and a fresh album per target. */
export function photosHarness(): PhotosHarness {
  let started: Promise<GooglePhotosEmulator> | undefined;
  let albums = 0;
  const emulator = () => (started ??= startGooglePhotosEmulator());
  let live: GooglePhotosEmulator | undefined;
  void emulator().then((e) => (live = e));
  const target = async (retry: RetryOptions = { baseDelayMs: 20 }, extra: { fetch?: typeof fetch } = {}) => {
    const e = await emulator();
    return new GooglePhotosTarget({ album: `google-photos test ${++albums}`, tokens: staticToken('emulator-token'), apiBase: e.url, chunkSize: CHUNK_GRANULARITY, simpleUploadMax: SIMPLE_MAX, retry, ...extra });
  };
  return {
    makeTarget: () => target(),
    target,
    emulator,
    cleanup: async () => (await started)?.close(),
    resumableAbove: SIMPLE_MAX,
    folders: false,
    faults: {
      add(rule) {
        const chunk = rule.path === CHUNK_PATH ? { when: (r: { headers: Record<string, string | string[] | undefined> }) => String(r.headers['x-goog-upload-command'] ?? '').includes('upload') } : {};
        if (!live) throw new Error('The google-photos emulator is not running yet: make a target first.');
        live.faults.add({ ...rule, ...chunk });
      },
      clear: () => live?.faults.clear(),
      bytesReceived: () => live?.bytesReceived() ?? 0,
      requests: () => live?.log.length ?? 0,
      chunk: { method: 'POST', path: CHUNK_PATH },
      finish: { method: 'POST', path: '/v1/mediaItems:batchCreate' },
    },
  };
}

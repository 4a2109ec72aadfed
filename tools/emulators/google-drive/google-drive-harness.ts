import { GoogleDriveTarget, staticToken, type GoogleDriveOptions } from '@afterimage/cloud-adapters';
import type { ConformanceFaults, ConformanceHarness } from '@afterimage/cloud-adapters/testing';
import { FaultPlan, type FaultRule, type RequestInfo } from '../lib/faults.js';
import { startDriveEmulator, type DriveEmulator } from './emulator.js';

/** 256 KiB chunks in tests (Drive's smallest allowed chunk; 8 MiB in real use). */
export const TEST_CHUNK = 256 * 1024;

const UPLOADS = '/upload/drive/v3/files';
/** Marks for the suite's `chunk` and `finish` requests: both are PUTs on the session URI, told apart by Content-Range. */
const CHUNK_MARK = /^\/upload\/drive\/v3\/files$/;
const FINISH_MARK = /^\/upload\/drive\/v3\/files$/;

function contentRange(request: RequestInfo): RegExpExecArray | null {
  const value = request.headers['content-range'];
  return /^bytes (\d+)-(\d+)\/(\d+)$/.exec(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
}

/** A PUT that carries bytes (not a `bytes *\/N` status query). */
export const isChunk = (request: RequestInfo) => request.query.has('upload_id') && contentRange(request) !== null;
/** The chunk that holds the last byte. */
export const isLastChunk = (request: RequestInfo) => {
  const range = contentRange(request);
  return request.query.has('upload_id') && range !== null && Number(range[2]) + 1 === Number(range[3]);
};

/** The suite's rule as an emulator rule: the marks become the session URI path plus a Content-Range test. */
export function driveRule(rule: Parameters<ConformanceFaults['add']>[0]): FaultRule {
  if (rule.path === CHUNK_MARK) return { ...rule, path: UPLOADS, when: isChunk };
  if (rule.path === FINISH_MARK) return { ...rule, path: UPLOADS, when: isLastChunk };
  return rule;
}

export interface GoogleDriveHarness extends ConformanceHarness {
  faults: ConformanceFaults;
  emulator(): Promise<DriveEmulator>;
  /** A target on a fresh root folder of its own, with these options over the test defaults. */
  target(options?: Partial<GoogleDriveOptions>): Promise<GoogleDriveTarget>;
}

/** One Drive emulator (started on first use, faults planned before it starts) and a fresh root folder per target. */
export function googleDriveHarness(): GoogleDriveHarness {
  const plan = new FaultPlan();
  let started: Promise<DriveEmulator> | undefined;
  let current: DriveEmulator | undefined;
  let roots = 0;
  const emulator = () => (started ??= startDriveEmulator({ faults: plan }).then((e) => (current = e)));
  const target = async (options: Partial<GoogleDriveOptions> = {}) =>
    new GoogleDriveTarget({
      root: `Afterimage/drive test ${++roots}`,
      tokens: staticToken('emulator-token'),
      apiBase: (await emulator()).url,
      chunkSize: TEST_CHUNK,
      resumableAbove: TEST_CHUNK,
      retry: { baseDelayMs: 20 },
      ...options,
    });
  return {
    makeTarget: () => target(),
    target,
    emulator,
    cleanup: async () => (await started)?.close(),
    resumableAbove: TEST_CHUNK,
    folders: true,
    faults: {
      add: (rule) => void plan.add(driveRule(rule)),
      clear: () => plan.clear(),
      bytesReceived: () => current?.bytesReceived() ?? 0,
      requests: () => current?.log.length ?? 0,
      chunk: { method: 'PUT', path: CHUNK_MARK },
      finish: { method: 'PUT', path: FINISH_MARK },
    },
  };
}

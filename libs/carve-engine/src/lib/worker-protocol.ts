import { fileURLToPath } from 'node:url';
import type { Alignment } from './alignment.js';
import type { ByteRun, CarvedFile } from './types.js';

/** What a scan worker is started with: how to open the source itself, and the scan's settings. */
export interface ScanWorkerData {
  /** The file or device, read-only, and where the scanned source's byte 0 lies in it. */
  readonly path: string;
  readonly fileOffset: number;
  readonly size: number;
  readonly label: string;
  /** Format ids, looked up in the engine's format list. */
  readonly formats: readonly string[];
  readonly alignment: Alignment;
  readonly chunkSize: number;
  readonly maxFileSize?: number;
  /** Running from TypeScript sources: the .ts entry the bootstrap imports. */
  readonly entry?: string;
}

/** One segment to scan: candidates starting in these ranges (files may run past them). */
export interface SegmentTask {
  readonly type: 'segment';
  readonly id: number;
  readonly ranges: readonly ByteRun[];
}

export type WorkerReport =
  | { readonly type: 'file'; readonly id: number; readonly file: CarvedFile }
  | { readonly type: 'settled'; readonly id: number; readonly position: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly cause: string }
  /** An area the worker could not read; `code` is the system's error code (EIO…) when there was one. */
  | { readonly type: 'unreadable'; readonly id: number; readonly area: ByteRun; readonly message: string; readonly code?: string }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/**
 * The worker's script. Compiled (dist), scan-worker.js beside this module. From TypeScript sources
 * (vitest resolves the libs' "@afterimage/source" export condition), a small bootstrap under
 * src/testing registers a TypeScript loader and imports scan-worker.ts; dist never takes that path.
 */
export function scanWorkerScript(): { script: URL; entry?: string } {
  const here = import.meta.url;
  if (!fileURLToPath(here).endsWith('.ts')) return { script: new URL('./scan-worker.js', here) };
  return { script: new URL('../testing/typescript-worker.mjs', here), entry: new URL('./scan-worker.ts', here).href };
}

import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import type { ByteRun, Finding } from '@afterimage/contracts';

/** Where an image's bytes are, for the scanning thread to open them itself (read-only). */
export interface ScanFile {
  /** The image file, or the first piece of a split set. */
  readonly path: string;
  /** A split image's pieces in order (card.001, card.002…), when it has more than one. */
  readonly pieces?: readonly string[];
  readonly label: string;
}

/** A scan the main thread asks for; `scanId` is the thread's own number for it. */
export interface ScanOrder {
  readonly type: 'scan';
  readonly scanId: number;
  readonly file: ScanFile;
  readonly includeLive: boolean;
  readonly keepCorrupt: boolean;
  readonly resumeFrom?: unknown;
  readonly checkpointEvery?: number;
}

/** What the main thread sends: a scan, its abort, the answer to a failed read, a warm-up. */
export type ThreadOrder =
  | ScanOrder
  | { readonly type: 'abort'; readonly scanId: number }
  | { readonly type: 'read-checked'; readonly scanId: number; readonly ask: number }
  | { readonly type: 'warm' };

/** An error as it crosses between threads: its message, and the media error code (EIO…) it carried. */
export interface ErrorFacts {
  readonly message: string;
  readonly code?: string;
}

export type ScanEnd = { readonly type: 'end'; readonly how: 'done' | 'aborted' } | { readonly type: 'end'; readonly how: 'failed'; readonly message: string };

/** One thing a scan reports, in the order it happened. */
export type ScanReport =
  | { readonly type: 'progress'; readonly bytesDone: number; readonly bytesTotal: number }
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'checkpoint'; readonly checkpoint: unknown }
  | { readonly type: 'unreadable'; readonly area: ByteRun; readonly error: ErrorFacts }
  /** A read failed with a media error: the read waits for 'read-checked' with this `ask`. */
  | { readonly type: 'read-failed'; readonly ask: number; readonly offset: number; readonly length: number; readonly error: ErrorFacts }
  | ScanEnd;

/** What the scanning thread sends: a scan's reports (several per message), or how its warm-up went. */
export type ThreadMessage =
  | { readonly type: 'reports'; readonly scanId: number; readonly reports: readonly ScanReport[] }
  | { readonly type: 'warmed'; readonly findings: number; readonly error?: string };

/** Tests only: a module whose `wrapSource` wraps each scan's source in the thread (faults, a crash). */
export interface ScanThreadHooks {
  readonly module: string;
  readonly data?: unknown;
}

export interface ScanThreadData {
  /** Running from TypeScript sources: the .ts entry the bootstrap imports. */
  readonly entry?: string;
  readonly hooks?: ScanThreadHooks;
}

/**
 * The scanning thread's heap, as the agent's launcher sets the main thread's (--max-semi-space-size=2,
 * its #! line says why): V8's young generation is three semi-spaces (two, and as much again for large
 * objects), so 6 MB is a 2 MiB semi-space. Measured on node 20: a worker started with 6 (or 4) keeps a
 * 4 MiB new space (two semi-spaces) where one left at V8's default grows to 32; and the launcher's flag,
 * being V8's and so process-wide, already holds a worker to 2 MiB: the limit keeps it so where the
 * agent runs without the launcher's options (tests, an embedding).
 */
export const SCAN_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 6 };

/** An error's message (the thread does not load the contracts, whose errorMessage this is). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An error's message and media code, to post. */
export function errorFacts(error: unknown, code: string | undefined): ErrorFacts {
  const message = messageOf(error);
  return code ? { message, code } : { message };
}

/** The error the main thread hands on for ErrorFacts (isMediaReadError reads its `code`). */
export function errorFrom(facts: ErrorFacts): Error {
  return Object.assign(new Error(facts.message), facts.code ? { code: facts.code } : {});
}

/**
 * The scanning thread's script. Compiled (dist): scan-thread-worker.js beside this module. From the
 * TypeScript sources (vitest): the carve engine's bootstrap for its own workers, which registers the
 * TypeScript module hooks and imports scan-thread-worker.ts.
 */
export function scanThreadScript(): { script: URL; entry?: string } {
  const here = import.meta.url;
  if (!fileURLToPath(here).endsWith('.ts')) return { script: new URL('./scan-thread-worker.js', here) };
  return { script: new URL('../../../../../libs/carve-engine/src/testing/typescript-worker.mjs', here), entry: new URL('./scan-thread-worker.ts', here).href };
}

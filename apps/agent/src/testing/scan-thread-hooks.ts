// Test hooks for the agent's scanning thread (ScanThreadOptions.hooks): the thread wraps each scan's
// image with wrapSource(source, file, plan), so a test gives a real image file bad or slow sectors, or
// makes the thread die on its first read, as a crash or an out-of-memory would.
import { basename } from 'node:path';
import type { ByteSource } from '@afterimage/fs-parsers';
import type { ScanFile } from '../lib/scan-thread/protocol.js';
import { faultySource, type FaultPlan } from './faulty-source.js';

export const SCAN_THREAD_HOOKS = new URL('./scan-thread-hooks.ts', import.meta.url).href;

export interface ScanThreadTestPlan {
  /** Faults of the image with this file name. */
  readonly faults?: Readonly<Record<string, FaultPlan>>;
  /** The thread dies on the first read of the image with this file name: an uncaught error, or its exit with code 3. */
  readonly crash?: Readonly<Record<string, 'throw' | 'exit'>>;
}

export function wrapSource(source: ByteSource, file: ScanFile, plan: ScanThreadTestPlan): ByteSource {
  const name = basename(file.path);
  const crash = plan.crash?.[name];
  if (crash) {
    return {
      label: source.label,
      size: source.size,
      read: () => {
        setImmediate(() => {
          if (crash === 'exit') process.exit(3);
          throw new Error('a test crashed the scanning thread');
        });
        return new Promise<Buffer>(() => undefined);
      },
      close: () => source.close(),
    };
  }
  const faults = plan.faults?.[name];
  return faults ? faultySource(source, faults) : source;
}

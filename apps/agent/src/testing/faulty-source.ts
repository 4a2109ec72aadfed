import { setTimeout as delay } from 'node:timers/promises';
import { type ByteSource, FsParserError } from '@afterimage/fs-parsers';

/** `count` sectors from sector `first`. */
export interface SectorRange {
  readonly first: number;
  readonly count: number;
}

export interface FaultPlan {
  readonly sectorSize?: number;
  /** Sectors that never read: a read touching one fails whole, as a real device's does. */
  readonly bad?: readonly SectorRange[];
  /** Sectors that each fail the first `failures` reads touching them, then read. */
  readonly weak?: readonly (SectorRange & { readonly failures: number })[];
  /** Every read touching the range waits `delayMs` first (keep it tiny in tests). */
  readonly slow?: readonly (SectorRange & { readonly delayMs: number })[];
  /** After this many reads the device is "unplugged": every read fails with ENODEV. */
  readonly goneAfterReads?: number;
}

export interface ReadRecord {
  readonly offset: number;
  readonly length: number;
  readonly ok: boolean;
}

export interface FaultySource extends ByteSource {
  /** Every read asked of this source, in order. */
  readonly reads: readonly ReadRecord[];
}

function systemError(code: 'EIO' | 'ENODEV', errno: number, text: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${text}, read`), { code, errno, syscall: 'read' });
}

const touches = (range: SectorRange, sectorSize: number, offset: number, end: number) =>
  offset < (range.first + range.count) * sectorSize && end > range.first * sectorSize;

/**
 * Wraps a source to fail like a dying disk: bad and weak sectors throw an EIO wrapped the way
 * openFileSource wraps a system error, slow zones delay. Deterministic: the same reads fail the
 * same way every run (weak sectors count their own attempts).
 */
export function faultySource(inner: ByteSource, plan: FaultPlan): FaultySource {
  const sectorSize = plan.sectorSize ?? 512;
  const reads: ReadRecord[] = [];
  const weakTries = new Map<number, number>();
  const label = `faulty ${inner.label}`;
  return {
    label,
    size: inner.size,
    reads,
    async read(offset: number, length: number): Promise<Buffer> {
      const end = offset + Math.max(length, 1);
      const wait = (plan.slow ?? []).filter((zone) => touches(zone, sectorSize, offset, end)).reduce((sum, zone) => sum + zone.delayMs, 0);
      if (wait > 0) await delay(wait);
      const fail = (cause: NodeJS.ErrnoException) => {
        reads.push({ offset, length, ok: false });
        return new FsParserError(`${label}: read of ${length} bytes at ${offset} failed: ${cause.message}`, { cause });
      };
      if (plan.goneAfterReads !== undefined && reads.length >= plan.goneAfterReads) throw fail(systemError('ENODEV', -19, 'no such device'));
      let failed = (plan.bad ?? []).some((range) => touches(range, sectorSize, offset, end));
      for (const range of plan.weak ?? []) {
        if (!touches(range, sectorSize, offset, end)) continue;
        const first = Math.max(range.first, Math.floor(offset / sectorSize));
        const last = Math.min(range.first + range.count, Math.ceil(end / sectorSize));
        for (let sector = first; sector < last; sector++) {
          const tries = weakTries.get(sector) ?? 0;
          weakTries.set(sector, tries + 1);
          if (tries < range.failures) failed = true;
        }
      }
      if (failed) throw fail(systemError('EIO', -5, 'i/o error'));
      const data = await inner.read(offset, length);
      reads.push({ offset, length, ok: true });
      return data;
    },
    close: () => inner.close(),
  };
}

/** Bytes that are different in every sector, so a sector copied to the wrong place shows. */
export function patternedBytes(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    if ((i & 3) === 0) state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = (state >>> ((i & 3) * 8)) & 0xff;
  }
  return bytes;
}

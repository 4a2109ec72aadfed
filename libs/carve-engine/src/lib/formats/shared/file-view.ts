import type { CarveSource } from '../../byte-source.js';
import type { ByteRun } from '../../types.js';

/**
 * A carved file's bytes as a source of their own (offset 0 = the file's first byte), read through its
 * runs in order, so a format can walk a finding again (for a preview) with the code it carved it with.
 */
export function fileView(source: CarveSource, runs: readonly ByteRun[]): CarveSource {
  const size = runs.reduce((sum, run) => sum + run.length, 0);
  const label = `${source.label}[file at ${runs[0]?.offset ?? 0}]`;
  return {
    label,
    size,
    async read(offset, length) {
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
        throw new RangeError(`${label}: bad read ${offset}+${length}`);
      }
      const pieces: Buffer[] = [];
      let runStart = 0;
      let want = Math.min(length, Math.max(0, size - offset));
      let at = offset;
      for (const run of runs) {
        if (want === 0) break;
        const runEnd = runStart + run.length;
        if (at < runEnd) {
          const n = Math.min(want, runEnd - at);
          const piece = await source.read(run.offset + (at - runStart), n);
          pieces.push(piece);
          if (piece.length < n) break;
          at += n;
          want -= n;
        }
        runStart = runEnd;
      }
      return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
    },
    async close() {
      // The underlying source belongs to the caller.
    },
  };
}

import type { ByteSource } from '@afterimage/fs-parsers';

export interface Run {
  offset: number;
  length: number;
}

/** A file's byte runs seen as one ByteSource from 0 to its size, so the carve formats can validate it. */
export function runsView(parent: ByteSource, runs: readonly Run[], label = `${parent.label}[runs]`): ByteSource {
  const starts: number[] = [];
  let size = 0;
  for (const run of runs) {
    starts.push(size);
    size += run.length;
  }
  return {
    label,
    size,
    async read(offset, length) {
      if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset > size) {
        throw new RangeError(`${label}: cannot read ${length} bytes at ${offset} of ${size}`);
      }
      const parts: Buffer[] = [];
      let position = offset;
      const end = Math.min(offset + length, size);
      for (let i = 0; i < runs.length && position < end; i++) {
        const run = runs[i] as Run;
        const start = starts[i] as number;
        if (position >= start + run.length) continue;
        const take = Math.min(end, start + run.length) - position;
        const piece = await parent.read(run.offset + (position - start), take);
        parts.push(piece);
        position += piece.length;
        if (piece.length < take) break;
      }
      return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    },
    close: async () => undefined,
  };
}

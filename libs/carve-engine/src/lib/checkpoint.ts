import type { Alignment } from './alignment.js';
import { CarveError } from './errors.js';
import type { ByteRun } from './types.js';

/**
 * Where an interrupted scan can go on (plain JSON). Every candidate before `nextOffset` was examined
 * and its finding handed out before the checkpoint was: `carve(source, { resumeFrom })` yields exactly
 * the findings an uninterrupted scan would have yielded after the first `findings` ones. Findings a
 * consumer received after this checkpoint (first byte at or after `nextOffset`) come again on resume.
 */
export interface CarveCheckpoint {
  readonly version: 1;
  /** The source's size when the checkpoint was made; resuming on another size is refused. */
  readonly sourceSize: number;
  /** The scanned ranges (sorted, merged) and the alignment used: a resumed scan keeps both. */
  readonly ranges: readonly ByteRun[];
  readonly alignment: Alignment;
  /** Options that change what is found; resuming with others is refused. */
  readonly settings: CheckpointSettings;
  readonly nextOffset: number;
  /** Ranges wholly before nextOffset. */
  readonly rangesDone: number;
  readonly bytesDone: number;
  readonly findings: number;
  readonly findingsByFormat: Readonly<Record<string, number>>;
}

export interface CheckpointSettings {
  readonly formats: readonly string[];
  readonly keepCorrupt: boolean;
  readonly maxFileSize: number | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Checks that a checkpoint fits this source and these options; throws CarveError saying what differs. */
export function checkResume(checkpoint: CarveCheckpoint, sourceSize: number, settings: CheckpointSettings, ranges: readonly ByteRun[] | undefined, blockSize: number | 'auto'): void {
  const fail = (what: string): never => {
    throw new CarveError(`cannot resume from this checkpoint: ${what}`);
  };
  if (checkpoint?.version !== 1) fail(`unknown checkpoint version ${String(checkpoint?.version)}`);
  if (checkpoint.sourceSize !== sourceSize) fail(`it was made on a source of ${checkpoint.sourceSize} bytes, this one has ${sourceSize}`);
  if (!same(checkpoint.settings, settings)) fail(`it was made with other settings (${JSON.stringify(checkpoint.settings)})`);
  if (ranges !== undefined && !same(ranges, checkpoint.ranges)) fail('it was made over other ranges');
  if (blockSize !== 'auto' && blockSize !== checkpoint.alignment.blockSize) fail(`it was made with block size ${checkpoint.alignment.blockSize}`);
  const { nextOffset, alignment } = checkpoint;
  if (!Number.isSafeInteger(nextOffset) || nextOffset < 0) fail(`bad nextOffset ${String(nextOffset)}`);
  if (!Number.isSafeInteger(alignment?.blockSize) || alignment.blockSize < 1 || !Number.isSafeInteger(alignment.offset) || alignment.offset < 0 || alignment.offset >= alignment.blockSize) {
    fail('bad alignment');
  }
  if (!Number.isSafeInteger(checkpoint.findings) || checkpoint.findings < 0) fail('bad findings count');
}

import type { RescueRun } from './rescue-run.js';

/** How far pass 1 jumps after a failed read: `initial` first, doubling on each failure in a row up to `max`. */
export interface SkipSize {
  readonly initial: number;
  readonly max: number;
}

/**
 * ddrescue's documented default: INITIAL is the device size / 100 000, at least 64 KiB; the skip
 * doubles up to 1 % of the device. Rounded up to whole sectors.
 */
export function defaultSkipSize(deviceSize: number, sectorSize: number): SkipSize {
  const round = (n: number) => Math.ceil(n / sectorSize) * sectorSize;
  const initial = round(Math.max(64 * 1024, deviceSize / 100_000));
  return { initial, max: Math.max(initial, round(deviceSize / 100)) };
}

/**
 * Phase 1, copying the non-tried ('?') areas in chunks, good areas first:
 * pass 1 forwards, jumping ahead after each failed chunk (the jump doubling while reads keep
 * failing, so a dead zone is crossed in a few reads); pass 2 backwards over what pass 1 jumped,
 * giving up on a block at its first failure; pass 3 forwards over what is left, with no jumps.
 * A failed chunk becomes non-trimmed ('*'). `from` resumes a pass at the map's current_pos.
 */
export async function copyPhase(run: RescueRun, skip: SkipSize, from?: { pass: number; pos: number }): Promise<void> {
  const startPass = from?.pass ?? 1;
  if (startPass <= 1) await forwards(run, 1, from?.pos ?? 0, skip);
  if (startPass <= 2) await backwards(run, startPass === 2 ? (from?.pos ?? run.map.size) : run.map.size);
  await forwards(run, 3, startPass === 3 ? (from?.pos ?? 0) : 0, { initial: 0, max: 0 });
}

async function forwards(run: RescueRun, pass: number, start: number, skip: SkipSize): Promise<void> {
  let pos = start;
  let jump = 0;
  for (let block = run.map.nextOf('?', pos); block; block = run.map.nextOf('?', pos)) {
    pos = block.pos;
    const length = Math.min(run.chunkSize, block.size);
    run.at('?', pass, pos);
    const good = await run.read(pos, length);
    if (good < length) {
      run.map.mark(pos + good, length - good, '*');
      jump = jump === 0 ? skip.initial : Math.min(jump * 2, skip.max);
    } else {
      jump = 0;
    }
    pos += length + (good < length ? jump : 0);
    run.at('?', pass, Math.min(pos, run.map.size)); // where this pass goes on, if resumed
    await run.step();
  }
}

async function backwards(run: RescueRun, start: number): Promise<void> {
  let end = start;
  for (let block = run.map.previousOf('?', end); block; block = run.map.previousOf('?', end)) {
    const blockEnd = block.pos + block.size;
    const pos = Math.max(block.pos, blockEnd - run.chunkSize);
    run.at('?', 2, blockEnd);
    const good = await run.read(pos, blockEnd - pos);
    if (good < blockEnd - pos) {
      run.map.mark(pos + good, blockEnd - pos - good, '*');
      end = block.pos; // the rest of this block waits for pass 3
    } else {
      end = pos;
    }
    run.at('?', 2, end);
    await run.step();
  }
}

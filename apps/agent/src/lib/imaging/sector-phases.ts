import type { RescueRun } from './rescue-run.js';

/**
 * Phase 2, trimming: for each non-trimmed ('*') block, read sector by sector forwards from its
 * leading edge until a sector fails, then backwards from its trailing edge until one fails. The
 * failed sectors become bad-sector ('-'); what lies between them, unread, becomes non-scraped ('/').
 * An edge next to a bad sector counts as trimmed already (that is also how a resumed trim goes on).
 */
export async function trimPhase(run: RescueRun): Promise<void> {
  for (let block = run.map.nextOf('*', 0); block; block = run.map.nextOf('*', block.pos + block.size)) {
    let low = block.pos;
    let high = block.pos + block.size;
    if (run.map.statusAt(low - 1) !== '-') {
      while (low < high) {
        const length = run.sectorAfter(low, high);
        run.at('*', 1, low);
        const good = await run.read(low, length);
        if (good < length) run.map.mark(low + good, length - good, '-');
        low += length;
        await run.step();
        if (good < length) break;
      }
    }
    if (low < high && run.map.statusAt(high) !== '-') {
      while (low < high) {
        const start = run.sectorBefore(high, low);
        run.at('*', 1, start);
        const good = await run.read(start, high - start);
        if (good < high - start) run.map.mark(start + good, high - start - good, '-');
        const failed = good < high - start;
        high = start;
        await run.step();
        if (failed) break;
      }
    }
    if (low < high) run.map.mark(low, high - low, '/');
  }
}

/** Phase 3, scraping: every sector of the non-scraped ('/') blocks, forwards: good → '+', bad → '-'. */
export async function scrapePhase(run: RescueRun): Promise<void> {
  for (let block = run.map.nextOf('/', 0); block; block = run.map.nextOf('/', block.pos)) {
    const length = run.sectorAfter(block.pos, block.pos + block.size);
    run.at('/', 1, block.pos);
    const good = await run.read(block.pos, length);
    if (good < length) run.map.mark(block.pos + good, length - good, '-');
    await run.step();
  }
}

/**
 * Phase 4, retrying: `passes` passes over the bad-sector ('-') blocks, one sector at a time, each
 * sector tried once per pass; odd passes run forwards, even ones backwards. A sector that reads
 * now becomes finished. `from` resumes a pass at the map's current_pos.
 */
export async function retryPhase(run: RescueRun, passes: number, from?: { pass: number; pos: number }): Promise<void> {
  for (let pass = from?.pass ?? 1; pass <= passes; pass++) {
    const resumeAt = pass === from?.pass ? from.pos : undefined;
    if (pass % 2 === 1) {
      let pos = resumeAt ?? 0;
      for (let block = run.map.nextOf('-', pos); block; block = run.map.nextOf('-', pos)) {
        const length = run.sectorAfter(block.pos, block.pos + block.size);
        run.at('-', pass, block.pos);
        await run.read(block.pos, length);
        pos = block.pos + length;
        run.at('-', pass, pos);
        await run.step();
      }
    } else {
      let end = resumeAt ?? run.map.size;
      for (let block = run.map.previousOf('-', end); block; block = run.map.previousOf('-', end)) {
        const blockEnd = block.pos + block.size;
        const start = run.sectorBefore(blockEnd, block.pos);
        run.at('-', pass, blockEnd);
        await run.read(start, blockEnd - start);
        end = start;
        run.at('-', pass, end);
        await run.step();
      }
    }
  }
}

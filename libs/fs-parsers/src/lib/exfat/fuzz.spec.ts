import { describe, expect, it } from 'vitest';
import { exfatImage } from '../../testing/exfat-fixtures.js';
import { isFsParserError } from '../errors.js';
import { bufferSource } from '../source/buffer-source.js';
import { exfat } from './exfat-descriptor.js';

/**
 * Seeded random damage to the system area and the first directories (boot regions, FAT, bitmap,
 * up-case table, root, DCIM...): every run ends in a listing or a typed FsParserError, quickly.
 */
describe('exFAT under random damage', () => {
  it('200 damaged copies: each parses (entries, free ranges) or fails with a typed error', async () => {
    const pristine = exfatImage();
    let seed = 2024;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    const targets = [0, 512 * 12, 1024 * 1024, 2 * 1024 * 1024, 2 * 1024 * 1024 + 3 * 4096, 2 * 1024 * 1024 + 4 * 4096];
    let parsed = 0;
    for (let round = 0; round < 200; round++) {
      const image = Buffer.from(pristine);
      for (let flips = 1 + next(24); flips > 0; flips--) {
        image[(targets[next(targets.length)] as number) + next(8192)] = next(256);
      }
      try {
        const fs = await exfat.open(bufferSource(image));
        const entries = await fs.entries();
        await fs.freeRanges();
        for (const run of entries.flatMap((e) => e.byteRuns)) expect(run.offset + run.length).toBeLessThanOrEqual(image.length);
        parsed++;
      } catch (error) {
        expect(isFsParserError(error), String(error)).toBe(true);
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });
});

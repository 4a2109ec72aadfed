import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { buildDisk } from '../../testing/disk.js';
import { formatFixtures } from '../../testing/format-fixtures.js';
import { carve } from '../carve.js';
import type { CarvedFile } from '../types.js';
import { carveFormats } from './index.js';

describe('format list', () => {
  it('has a fixture for every format and a format for every fixture', () => {
    expect(Object.keys(formatFixtures).sort()).toEqual(carveFormats.map((f) => f.id).sort());
  });

  it('describes every format sanely', () => {
    for (const format of carveFormats) {
      expect(format.id).toMatch(/^[a-z0-9-]+$/);
      expect(format.extensions.length).toBeGreaterThan(0);
      expect(format.mimeType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
      expect(format.signatures.length).toBeGreaterThan(0);
      expect(format.maxSize).toBeGreaterThan(0);
    }
  });

  for (const format of carveFormats) {
    it(`carves the ${format.id} fixture whole, aligned and unaligned, in block and byte mode`, async () => {
      const sample = await formatFixtures[format.id]();
      const sha256 = createHash('sha256').update(sample).digest('hex');
      const disk = buildDisk(sample.length * 3 + 8192, [
        { offset: 1024, data: sample },
        { offset: 1024 + sample.length + 2048 + 77, data: sample },
      ]);
      const run = async (blockSize: number): Promise<CarvedFile[]> => {
        const out: CarvedFile[] = [];
        for await (const f of carve(bufferSource(disk), { blockSize, formats: [format] })) out.push(f);
        return out;
      };
      const block = await run(512);
      expect(block).toHaveLength(1);
      expect(block[0]).toMatchObject({ format: format.id, size: sample.length, sha256, validation: { state: 'complete', reasons: [] } });
      const bytes = await run(1);
      expect(bytes.map((f) => f.sha256)).toEqual([sha256, sha256]);
    });
  }
});

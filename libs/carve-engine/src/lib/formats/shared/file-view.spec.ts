import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../testing/buffer-source.js';
import { randomBytes } from '../../../testing/random.js';
import { fileView } from './file-view.js';

describe('fileView', () => {
  it("reads a file's runs back to back, across run boundaries, and stops at its end", async () => {
    const disk = randomBytes(10_000, 7);
    const runs = [
      { offset: 2000, length: 1000 },
      { offset: 512, length: 300 },
      { offset: 9000, length: 700 },
    ];
    const whole = Buffer.concat(runs.map((r) => disk.subarray(r.offset, r.offset + r.length)));
    const view = fileView(bufferSource(disk), runs);
    expect(view.size).toBe(2000);
    expect((await view.read(0, 2000)).equals(whole)).toBe(true);
    expect((await view.read(950, 400)).equals(whole.subarray(950, 1350))).toBe(true);
    expect((await view.read(1900, 500)).equals(whole.subarray(1900))).toBe(true);
    expect((await view.read(2500, 10)).length).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '@afterimage/fs-parsers';
import { scanMedia } from '../index.js';
import { scanMedia as scanMediaItself, type MediaFinding } from './media-scan/scan-media.js';

const image = gunzipSync(readFileSync(join(resolve(import.meta.dirname, '../../../../fixtures/media-scan'), 'history-card.img.gz')));

async function all(findings: AsyncIterable<MediaFinding>): Promise<MediaFinding[]> {
  const out: MediaFinding[] = [];
  for await (const finding of findings) out.push(finding);
  return out;
}

describe("the engine's scanMedia (loaded on its first call)", () => {
  it('finds what media-scan finds, with the same options and callbacks', async () => {
    const volumes: string[][] = [];
    const lazy = await all(scanMedia(bufferSource(image, 'card.img'), { workers: 1, includeLive: true, onVolumes: (fs) => volumes.push(fs.map((f) => f.id)) }));
    const direct = await all(scanMediaItself(bufferSource(image, 'card.img'), { workers: 1, includeLive: true }));
    expect(lazy.length).toBeGreaterThan(0);
    expect(lazy).toEqual(direct);
    expect(volumes).toHaveLength(1);
  });

  it('stops as media-scan does when its signal fires', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const signal = controller.signal;
    const direct = await all(scanMediaItself(bufferSource(image, 'card.img'), { workers: 1, signal })).catch((error: unknown) => error);
    expect(direct).toBeInstanceOf(Error);
    await expect(all(scanMedia(bufferSource(image, 'card.img'), { workers: 1, signal }))).rejects.toEqual(direct);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bufferContent } from '../content.js';
import { SentHash } from './sent-hash.js';

const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 251));
const sha256 = createHash('sha256').update(bytes).digest('hex');
const part = (start: number, end: number) => bytes.subarray(start, end);

describe('google-photos SentHash', () => {
  it('gives the sha256 of the file whatever order the chunks were sent in', async () => {
    const inOrder = new SentHash(bufferContent(bytes));
    for (const at of [0, 300, 600, 900]) await inOrder.feed(at, part(at, Math.min(1000, at + 300)));
    expect(inOrder.digest()).toEqual({ sha256, size: 1000 });

    // A resume at 600 (bytes 0..600 sent by an earlier run), then the chunk at 600 sent twice after a cut.
    const resumed = new SentHash(bufferContent(bytes, 64));
    await resumed.feed(600, part(600, 900));
    await resumed.feed(600, part(600, 900));
    await resumed.feed(900, part(900, 1000));
    expect(resumed.digest()).toEqual({ sha256, size: 1000 });
  });

  it('refuses bytes fed past what was already digested', async () => {
    const hash = new SentHash(bufferContent(bytes));
    await hash.feed(0, part(0, 10));
    hash.digest();
    await expect(hash.feed(10, part(10, 20))).rejects.toThrow(RangeError);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bufferContent } from '../content.js';
import { SentBytesHash } from './sent-bytes-hash.js';

const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 251));
const sha256 = createHash('sha256').update(bytes).digest('hex');
const sent = (start: number, end: number) => ({ start, bytes: bytes.subarray(start, end) });

describe('SentBytesHash', () => {
  it('gives the sha256 of the file whatever order the chunks were sent in', async () => {
    const inOrder = new SentBytesHash(bufferContent(bytes), ['sha256']);
    for (const at of [0, 300, 600, 900]) await inOrder.advance(Math.min(1000, at + 300), sent(at, at + 300));
    expect(inOrder.digests()).toEqual({ sha256, size: 1000 });

    // A resume at 600 (bytes 0..600 sent by an earlier run), then the chunk at 600 sent twice after a cut.
    const resumed = new SentBytesHash(bufferContent(bytes, 64), ['sha256']);
    await resumed.advance(900, sent(600, 900));
    await resumed.advance(900, sent(600, 900));
    await resumed.advance(1000, sent(900, 1000));
    expect(resumed.digests()).toEqual({ sha256, size: 1000 });
  });

  it('refuses bytes past the digests already taken, and starts over when the provider goes back', async () => {
    const hash = new SentBytesHash(bufferContent(bytes), ['sha256']);
    await hash.advance(10, sent(0, 10));
    hash.digests();
    await expect(hash.advance(20, sent(10, 20))).rejects.toThrow(RangeError);
    await hash.advance(5);
    expect(await hash.whole()).toEqual({ sha256, size: 1000 });
  });
});

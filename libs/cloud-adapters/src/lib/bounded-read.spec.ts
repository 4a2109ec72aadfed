import { describe, expect, it } from 'vitest';
import { readBounded } from './bounded-read.js';

/** Chunks of `size` bytes, `count` of them, counting how many were pulled. */
function source(count: number, size: number) {
  const state = { pulled: 0, closed: false };
  async function* chunks() {
    try {
      for (let i = 0; i < count; i++) {
        state.pulled++;
        yield new Uint8Array(size).fill(i & 0xff);
      }
    } finally {
      state.closed = true;
    }
  }
  return { chunks: chunks(), state };
}

describe('readBounded', () => {
  it('reads a body within the limit into one buffer, bytes in order', async () => {
    const { chunks, state } = source(3, 4);
    const bytes = await readBounded(chunks, { maxBytes: 12, what: 'A thumbnail' });
    expect([...bytes]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(state.closed).toBe(true);
  });

  it('stops at the first chunk past the limit and closes the source, without pulling the rest', async () => {
    const { chunks, state } = source(1_000_000, 64 * 1024);
    await expect(readBounded(chunks, { maxBytes: 1024 * 1024, what: 'The thumbnail of a.jpg' })).rejects.toMatchObject({
      name: 'TooLargeError',
      message: 'The thumbnail of a.jpg ran past the 1048576 bytes read for a preview; reading stopped there.',
    });
    expect(state.pulled).toBe(17);
    expect(state.closed).toBe(true);
  });

  it('refuses an announced length over the limit before reading; ignores one that is no plain count', async () => {
    const { chunks, state } = source(2, 10);
    await expect(readBounded(chunks, { maxBytes: 100, what: 'a.jpg', declared: '5000000000' })).rejects.toMatchObject({ name: 'TooLargeError', message: expect.stringContaining('is 5000000000 bytes') });
    expect(state.pulled).toBe(0);
    const lying = source(2, 10);
    expect((await readBounded(lying.chunks, { maxBytes: 100, what: 'a.jpg', declared: '-1, 7' })).length).toBe(20);
  });

  it('honours an abort between chunks', async () => {
    const controller = new AbortController();
    const { chunks } = source(10, 10);
    controller.abort(new Error('stopped by the user'));
    await expect(readBounded(chunks, { maxBytes: 1000, what: 'a.jpg', signal: controller.signal })).rejects.toThrow('stopped by the user');
  });
});

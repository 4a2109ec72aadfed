import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../testing/buffer-source.js';
import { riffChunk, riffList } from '../../../testing/riff-builder.js';
import { BoundedReader } from '../../bounded-reader.js';
import { readForm, RiffWalker, walkForm, type RiffChunk } from './riff.js';

const walkerOver = (data: Buffer, maxChunks?: number): RiffWalker => new RiffWalker(new BoundedReader(bufferSource(data), 0, data.length), maxChunks);

/** Walks a whole form, recursing into lists, and lists every chunk as "depth:id". */
async function walkAll(data: Buffer, maxChunks?: number) {
  const walker = walkerOver(data, maxChunks);
  const seen: string[] = [];
  const form = await readForm(walker, 0);
  if (!form) throw new Error('no form');
  const visit = async (chunk: RiffChunk, depth: number) => {
    seen.push(`${depth}:${chunk.id}`);
    if (chunk.id !== 'LIST') return undefined;
    const stop = await walker.list(chunk, depth, visit);
    return stop.kind === 'done' ? undefined : stop;
  };
  return { stop: await walkForm(walker, form, visit), seen };
}

describe('RIFF walker', () => {
  it('walks nested lists and steps over the pad byte after odd-sized chunks', async () => {
    const form = riffList('RIFF', 'TEST', [riffChunk('odd1', Buffer.alloc(3)), riffList('LIST', 'kids', [riffChunk('odd2', Buffer.alloc(5)), riffChunk('even', Buffer.alloc(4))]), riffChunk('last', Buffer.alloc(1))]);
    expect(form.length % 2).toBe(0);
    const { stop, seen } = await walkAll(form);
    expect(stop).toEqual({ kind: 'done', end: form.length });
    expect(seen).toEqual(['1:odd1', '1:LIST', '2:odd2', '2:even', '1:last']);
  });

  it('tolerates a missing pad byte at the very end of the file', async () => {
    const form = riffList('RIFF', 'TEST', [riffChunk('odd1', Buffer.alloc(3))]);
    const unpadded = form.subarray(0, form.length - 1);
    unpadded.writeUInt32LE(unpadded.length - 8, 4);
    expect((await walkAll(unpadded)).stop).toEqual({ kind: 'done', end: unpadded.length });
  });

  it('reports out-of-data when the bytes end inside a chunk, and invalid for leftovers too small for a chunk', async () => {
    const form = riffList('RIFF', 'TEST', [riffChunk('data', Buffer.alloc(100))]);
    expect((await walkAll(form.subarray(0, 60))).stop).toEqual({ kind: 'out-of-data' });
    const list = riffList('RIFF', 'TEST', [riffList('LIST', 'kids', [riffChunk('a   ', Buffer.alloc(2))])]);
    list.writeUInt32LE(list.readUInt32LE(16) - 4, 16); // the LIST now ends 6 bytes into its child
    const { stop } = await walkAll(list);
    expect(stop).toMatchObject({ kind: 'invalid', end: 24 });
  });

  it('stops at the chunk budget and the depth limit', async () => {
    const many = riffList('RIFF', 'TEST', Array.from({ length: 50 }, () => riffChunk('JUNK', Buffer.alloc(0))));
    expect((await walkAll(many, 20)).stop).toMatchObject({ kind: 'invalid', end: 12 + 20 * 8, reason: 'more than 20 chunks' });
    let deep = riffChunk('leaf', Buffer.alloc(0));
    for (let i = 0; i < 12; i++) deep = riffList('LIST', 'deep', [deep]);
    const { stop } = await walkAll(riffList('RIFF', 'TEST', [deep]));
    expect(stop).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/nested more than 8 deep/) });
  });

  it('does not take a form size under 4 or a missing form type as a RIFF header', async () => {
    expect(await readForm(walkerOver(Buffer.from('RIFF\x02\0\0\0TE', 'latin1')), 0)).toBeNull();
    expect(await readForm(walkerOver(Buffer.from('RIFF\x04\0\0\0\x01\x02\x03\x04', 'latin1')), 0)).toBeNull();
    expect(await readForm(walkerOver(Buffer.from('RIFX\x04\0\0\0TEST', 'latin1')), 0)).toBeNull();
  });
});

/** RIFF bytes from the published layout: id, little-endian size, payload, a pad byte to even. */
export function riffChunk(id: string, payload: Buffer, declaredSize = payload.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 4, 'latin1');
  head.writeUInt32LE(declaredSize >>> 0, 4);
  return Buffer.concat([head, payload, Buffer.alloc(payload.length % 2)]);
}

/** A RIFF form or a LIST: the list type, then the children (already whole chunks). */
export function riffList(id: 'RIFF' | 'LIST', type: string, children: readonly Buffer[]): Buffer {
  return riffChunk(id, Buffer.concat([Buffer.from(type, 'latin1'), ...children]));
}

/** The top-level chunks of a RIFF form at `start` in `data` (each chunk's id and offset), for picking targets. */
export function topChunks(data: Buffer, start = 0): { id: string; offset: number; size: number }[] {
  const out: { id: string; offset: number; size: number }[] = [];
  const end = Math.min(data.length, start + 8 + data.readUInt32LE(start + 4));
  for (let pos = start + 12; pos + 8 <= end; ) {
    const size = data.readUInt32LE(pos + 4);
    out.push({ id: data.toString('latin1', pos, pos + 4), offset: pos, size });
    pos += 8 + size + (size % 2);
  }
  return out;
}

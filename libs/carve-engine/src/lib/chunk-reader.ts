import type { CarveSource } from './byte-source.js';

/**
 * Chunk buffers given back by finished readers, for the next reader on this thread (a worker thread
 * scans one segment after another): a scan allocates its few chunk buffers once, not per segment.
 */
const spare: Buffer[] = [];
const MAX_SPARE = 4;

interface Ahead {
  readonly pos: number;
  readonly length: number;
  readonly done: Promise<Buffer>;
}

/**
 * Reads a scan's chunks: the next chunk is read while this one is scanned, and when the source can
 * read into a buffer (`readInto`) two buffers are reused for every chunk instead of allocating one per
 * read (less garbage, a flat memory profile). A chunk handed out is valid until the next `read`.
 */
export class ChunkReader {
  private ahead: Ahead | undefined;
  private readonly buffers: Buffer[] = [];
  private turn = 0;
  /** The chunk handed out last, and the one read ahead once it has arrived: bytes in memory. */
  private current: { pos: number; bytes: Buffer } | undefined;
  private arrived: { pos: number; bytes: Buffer } | undefined;

  constructor(
    private readonly source: CarveSource,
    private readonly capacity: number,
  ) {}

  /** `length` bytes at `pos` (fewer at the source's end). */
  async read(pos: number, length: number): Promise<Buffer> {
    const ahead = this.ahead;
    this.ahead = undefined;
    this.current = this.arrived = undefined;
    let bytes: Buffer;
    if (ahead && ahead.pos === pos && ahead.length === length) {
      bytes = await ahead.done;
    } else {
      // A read ahead nobody wants still writes into its buffer: let it finish first.
      if (ahead) await ahead.done.catch(() => undefined);
      bytes = await this.load(pos, length);
    }
    this.current = { pos, bytes };
    return bytes;
  }

  /**
   * The source as the scan's formats read it: reads that lie inside a chunk already in memory (the
   * current one or the one read ahead) are served from it instead of going to the disk again, as a
   * candidate's first hundreds of KiB usually do. `read` then returns a view into the chunk, not a
   * copy (no garbage per candidate): valid until the scan reads its next chunk, and never written to.
   * Every reader of the view (a format's match, the hash, the metadata) is done with it by then.
   */
  sourceView(source: CarveSource): CarveSource {
    return {
      label: source.label,
      size: source.size,
      read: async (offset, length) => this.inMemory(offset, Math.min(length, source.size - offset)) ?? source.read(offset, length),
      ...(source.readInto
        ? {
            readInto: async (target: Buffer, offset: number) => {
              const cached = this.inMemory(offset, Math.min(target.length, source.size - offset));
              return cached ? cached.copy(target) : (source.readInto as NonNullable<CarveSource['readInto']>)(target, offset);
            },
          }
        : {}),
      close: () => source.close(),
    };
  }

  private inMemory(offset: number, length: number): Buffer | undefined {
    if (!(length > 0) || !Number.isSafeInteger(offset)) return undefined;
    for (const chunk of [this.current, this.arrived]) {
      if (chunk && offset >= chunk.pos && offset + length <= chunk.pos + chunk.bytes.length) return chunk.bytes.subarray(offset - chunk.pos, offset - chunk.pos + length);
    }
    return undefined;
  }

  /** Starts reading the chunk the scan will probably want next. */
  readAhead(pos: number, length: number): void {
    if (this.ahead || pos >= this.source.size || length <= 0) return;
    const done = this.load(pos, length);
    done.catch(() => undefined); // a failure surfaces when (if) that chunk is read
    const ahead = { pos, length, done };
    this.ahead = ahead;
    done.then(
      (bytes) => {
        if (this.ahead === ahead) this.arrived = { pos, bytes };
      },
      () => undefined,
    );
  }

  /** Waits for a read ahead still running (before the source is closed) and gives the buffers back. */
  async settle(): Promise<void> {
    await this.ahead?.done.catch(() => undefined);
    this.ahead = undefined;
    this.current = this.arrived = undefined;
    for (const buffer of this.buffers.splice(0)) if (buffer && spare.length < MAX_SPARE) spare.push(buffer);
  }

  private async load(pos: number, length: number): Promise<Buffer> {
    const wanted = Math.min(length, this.source.size - pos);
    if (!this.source.readInto || wanted > this.capacity) return this.source.read(pos, wanted);
    this.turn ^= 1;
    const buffer = (this.buffers[this.turn] ??= this.takeSpare() ?? Buffer.allocUnsafe(this.capacity));
    const n = await this.source.readInto(buffer.subarray(0, wanted), pos);
    return buffer.subarray(0, n);
  }

  private takeSpare(): Buffer | undefined {
    const at = spare.findIndex((b) => b.length === this.capacity);
    return at === -1 ? undefined : spare.splice(at, 1)[0];
  }
}

import type { CarveSource } from './byte-source.js';

/**
 * Chunk buffers given back by finished readers, for the next reader on this thread (a worker thread
 * scans one segment after another): a scan allocates its few chunk buffers once, not per segment.
 */
const spare: Buffer[] = [];
const MAX_SPARE = 4;

/**
 * A scan's view of its source (ChunkReader.sourceView) also tells how many bytes from an offset on it
 * holds in memory, so a reader can size its window to them and get a view instead of a fresh buffer.
 */
interface ChunkedSource extends CarveSource {
  inMemoryFrom(offset: number): number;
}

/** Bytes from `offset` on that `source` serves from memory (0 for a source that keeps none). */
export function inMemoryFrom(source: CarveSource, offset: number): number {
  return typeof (source as Partial<ChunkedSource>).inMemoryFrom === 'function' ? (source as ChunkedSource).inMemoryFrom(offset) : 0;
}

interface Ahead {
  readonly pos: number;
  readonly length: number;
  readonly done: Promise<Buffer>;
  /** The reused buffer it is read into (none when the source cannot read into one). */
  readonly buffer: Buffer | undefined;
  /** Its bytes once they are in memory. */
  arrived?: Buffer;
}

/**
 * Chunks read ahead at most, each into a buffer of its own. Two keep a read going while the scan waits
 * for the completion of the other: with one, the disk (or the page cache's copy, on a thread of the
 * pool) sat idle between a read's end and the next one's start, and 2 MiB chunks came at 4 GB/s from
 * the page cache where two at a time came at 12.
 */
const MAX_AHEAD = 2;

/**
 * Reads a scan's chunks: the next chunks are read while this one is scanned, and when the source can
 * read into a buffer (`readInto`) a few buffers are reused for every chunk instead of allocating one
 * per read (less garbage, a flat memory profile). A chunk handed out is valid until the next `read`.
 */
export class ChunkReader {
  /** Chunks read ahead, in the order asked. */
  private aheads: Ahead[] = [];
  private readonly buffers: Buffer[] = [];
  /** The chunk handed out last. */
  private current: { pos: number; bytes: Buffer; buffer: Buffer | undefined } | undefined;

  constructor(
    private readonly source: CarveSource,
    private readonly capacity: number,
  ) {}

  /**
   * `length` bytes at `pos` (fewer at the source's end). When `pos` lies inside a chunk read ahead
   * (the scan jumped to the end of a file found), the rest of that chunk from `pos` on is returned if
   * it holds at least `least` bytes: fewer than asked, but nothing read twice and no wait for a read.
   */
  async read(pos: number, length: number, least = length): Promise<Buffer> {
    this.current = undefined;
    const aheads = this.aheads;
    let at = aheads.findIndex((a) => a.pos === pos && a.length === length);
    const whole = at !== -1;
    if (!whole) at = aheads.findIndex((a) => pos > a.pos && pos + least <= a.pos + a.length);
    // Reads ahead before the one taken (or all, when none is) are not wanted: they still write into
    // their buffers, so they finish first.
    for (const a of at === -1 ? aheads : aheads.slice(0, at)) await a.done.catch(() => undefined);
    const taken = at === -1 ? undefined : aheads[at];
    this.aheads = at === -1 ? [] : aheads.slice(at + 1);
    let bytes: Buffer | undefined;
    if (taken && whole) bytes = await taken.done;
    else if (taken) {
      const rest = (await taken.done.catch(() => undefined))?.subarray(pos - taken.pos, pos - taken.pos + length);
      if (rest && rest.length >= least) bytes = rest;
    }
    const buffer = bytes ? taken?.buffer : this.freeBuffer();
    bytes ??= await this.load(pos, length, buffer);
    this.current = { pos, bytes, buffer };
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
    const view: ChunkedSource = {
      label: source.label,
      size: source.size,
      inMemoryFrom: (offset) => this.inMemoryFrom(offset),
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
    return view;
  }

  private inMemoryFrom(offset: number): number {
    const held = this.heldAt(offset, 1);
    return held ? held.pos + held.bytes.length - offset : 0;
  }

  private inMemory(offset: number, length: number): Buffer | undefined {
    if (!(length > 0) || !Number.isSafeInteger(offset)) return undefined;
    const held = this.heldAt(offset, length);
    return held?.bytes.subarray(offset - held.pos, offset - held.pos + length);
  }

  /** The chunk in memory (the current one, or one read ahead that has arrived) that holds [offset, offset + length). */
  private heldAt(offset: number, length: number): { pos: number; bytes: Buffer } | undefined {
    const current = this.current;
    if (current && offset >= current.pos && offset + length <= current.pos + current.bytes.length) return current;
    for (const a of this.aheads) {
      if (a.arrived && offset >= a.pos && offset + length <= a.pos + a.arrived.length) return { pos: a.pos, bytes: a.arrived };
    }
    return undefined;
  }

  /** Starts reading a chunk the scan will probably want (the next, or the one after), if not already. */
  readAhead(pos: number, length: number): void {
    if (this.aheads.length >= MAX_AHEAD || pos >= this.source.size || length <= 0 || this.aheads.some((a) => a.pos === pos)) return;
    const buffer = this.freeBuffer();
    const done = this.load(pos, length, buffer);
    done.catch(() => undefined); // a failure surfaces when (if) that chunk is read
    const ahead: Ahead = { pos, length, done, buffer };
    this.aheads.push(ahead);
    done.then(
      (bytes) => (ahead.arrived = bytes),
      () => undefined,
    );
  }

  /** Waits for reads ahead still running (before the source is closed) and gives the buffers back. */
  async settle(): Promise<void> {
    for (const a of this.aheads) await a.done.catch(() => undefined);
    this.aheads = [];
    this.current = undefined;
    for (const buffer of this.buffers.splice(0)) if (spare.length < MAX_SPARE) spare.push(buffer);
  }

  /** A buffer neither the current chunk nor a read ahead uses (MAX_AHEAD + 1 at most per reader). */
  private freeBuffer(): Buffer | undefined {
    if (!this.source.readInto) return undefined;
    const used = (b: Buffer) => b === this.current?.buffer || this.aheads.some((a) => a.buffer === b);
    const free = this.buffers.find((b) => !used(b));
    if (free) return free;
    const buffer = this.takeSpare() ?? Buffer.allocUnsafe(this.capacity);
    this.buffers.push(buffer);
    return buffer;
  }

  private async load(pos: number, length: number, buffer: Buffer | undefined): Promise<Buffer> {
    const wanted = Math.min(length, this.source.size - pos);
    if (!buffer || !this.source.readInto || wanted > this.capacity) return this.source.read(pos, wanted);
    const n = await this.source.readInto(buffer.subarray(0, wanted), pos);
    return buffer.subarray(0, n);
  }

  private takeSpare(): Buffer | undefined {
    const at = spare.findIndex((b) => b.length === this.capacity);
    return at === -1 ? undefined : spare.splice(at, 1)[0];
  }
}

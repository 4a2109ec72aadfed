import type { BoundedReader } from '../../bounded-reader.js';
import { doneAt, invalidAt, OUT_OF_DATA, type WalkStop } from './walk-stop.js';

/** Real files have a few hundred thousand chunks at most (an AVI: one or two per frame); this stops hostile input. */
export const MAX_RIFF_CHUNKS = 4_000_000;
/** AVI nests hdrl → strl → chunk, movi → rec → chunk; nothing real goes deeper than a handful. */
export const MAX_RIFF_DEPTH = 8;

/** One chunk: a four-character id, a little-endian 32-bit payload size, the payload, a pad byte to even. */
export interface RiffChunk {
  readonly id: string;
  /** Offset of the chunk header. */
  readonly start: number;
  /** Offset of the payload (start + 8). */
  readonly data: number;
  /** The payload size the header declares. */
  readonly size: number;
  /** Where the next chunk starts: data + size, plus the pad byte when size is odd. */
  readonly end: number;
}

/** Called for every chunk; returns a stop to end the walk there, or nothing to go on. */
export type ChunkVisitor = (chunk: RiffChunk, depth: number) => Promise<WalkStop | undefined>;

/** A FourCC is four printable ASCII characters (spaces pad short ones: 'AVI ', 'VP8 '). */
export function isFourCC(bytes: Buffer): boolean {
  return bytes.length === 4 && bytes.every((b) => b >= 0x20 && b <= 0x7e);
}

/** Walks RIFF chunks through a bounded reader, counting every chunk against one budget. */
export class RiffWalker {
  private chunks = 0;

  constructor(
    readonly reader: BoundedReader,
    private readonly maxChunks = MAX_RIFF_CHUNKS,
  ) {}

  /** The chunk header at `pos`; null when the readable bytes end first, a problem when it is no chunk. */
  async header(pos: number): Promise<RiffChunk | string | null> {
    const head = await this.reader.bytes(pos, 8);
    if (head === null) return null;
    if (!isFourCC(head.subarray(0, 4))) return `no chunk id at ${pos} (bytes ${head.subarray(0, 4).toString('hex')})`;
    const size = head.readUInt32LE(4);
    return { id: head.toString('latin1', 0, 4), start: pos, data: pos + 8, size, end: pos + 8 + size + (size & 1) };
  }

  /** The four-character type a RIFF or LIST chunk's payload starts with; null when it is not there. */
  async listType(chunk: RiffChunk): Promise<string | null> {
    if (chunk.size < 4) return null;
    const type = await this.reader.bytes(chunk.data, 4);
    return type === null || !isFourCC(type) ? null : type.toString('latin1');
  }

  /** Walks the children of a LIST (or RIFF) chunk, after its list type. */
  async list(chunk: RiffChunk, depth: number, visit: ChunkVisitor): Promise<WalkStop> {
    if (chunk.size < 4) return invalidAt(chunk.start, `${chunk.id} at ${chunk.start} is ${chunk.size} bytes, too small for a list`);
    const type = await this.reader.bytes(chunk.data, 4);
    if (type === null) return OUT_OF_DATA;
    if (!isFourCC(type)) return invalidAt(chunk.start, `${chunk.id} at ${chunk.start} has no list type`);
    return this.walk(chunk.data + 4, chunk.data + chunk.size, depth + 1, visit);
  }

  /**
   * Walks chunks from `from` until they tile [from, to) exactly. A chunk claiming bytes past `to`, a bad
   * id, too deep a nesting or too many chunks is invalid; reading past the reader's end is out-of-data.
   */
  async walk(from: number, to: number, depth: number, visit: ChunkVisitor): Promise<WalkStop> {
    if (depth > MAX_RIFF_DEPTH) return invalidAt(from, `chunks nested more than ${MAX_RIFF_DEPTH} deep at ${from}`);
    for (let pos = from; ; ) {
      if (pos === to) return doneAt(pos);
      if (to - pos < 8) return invalidAt(pos, `${to - pos} bytes left at ${pos} before the list ends at ${to}, too few for a chunk`);
      const chunk = await this.header(pos);
      if (chunk === null) return OUT_OF_DATA;
      if (typeof chunk === 'string') return invalidAt(pos, chunk);
      if (++this.chunks > this.maxChunks) return invalidAt(pos, `more than ${this.maxChunks} chunks`);
      if (chunk.data + chunk.size > to) return invalidAt(pos, `chunk '${chunk.id}' at ${pos} claims ${chunk.size} bytes, past the end of its list at ${to}`);
      const stop = await visit(chunk, depth);
      if (stop) return stop;
      // A missing pad byte at the very end of a list is tolerated.
      pos = Math.min(chunk.end, to);
      if (pos > this.reader.end) return OUT_OF_DATA;
    }
  }
}

/** A RIFF header: 'RIFF', the size of what follows, the form type ('WEBP', 'AVI ', 'AVIX'). */
export interface RiffForm {
  readonly start: number;
  readonly form: string;
  /** Where the RIFF size says the form ends: start + 8 + size (a pad byte after an odd size is not counted). */
  readonly end: number;
}

/** The RIFF header at `pos`, or null when there is none (or the bytes end first). */
export async function readForm(walker: RiffWalker, pos: number): Promise<RiffForm | null> {
  const chunk = await walker.header(pos);
  if (chunk === null || typeof chunk === 'string' || chunk.id !== 'RIFF') return null;
  const form = await walker.listType(chunk);
  return form === null ? null : { start: pos, form, end: chunk.data + chunk.size };
}

/**
 * Walks a form's top-level chunks and checks the RIFF size against them: `done` when a chunk ends exactly
 * where the size says. A chunk running past that end means one of the two sizes lies: the file is cut at
 * the RIFF end (never past it: a lying chunk size would swallow whatever follows). A size too large shows
 * up as whatever follows the real end failing to be a chunk.
 */
export async function walkForm(walker: RiffWalker, form: RiffForm, visit: ChunkVisitor): Promise<WalkStop> {
  const { reader } = walker;
  if (form.end < form.start + 12) return invalidAt(form.start, `RIFF size at ${form.start} is too small for a form`);
  if (form.end === form.start + 12) return doneAt(form.end);
  return walker.walk(form.start + 12, Number.MAX_SAFE_INTEGER, 1, async (chunk, depth) => {
    const dataEnd = chunk.data + chunk.size;
    if (dataEnd > form.end) {
      // A leaf still says what it is (a frame header gives the size); its verdict cannot move the cut.
      if (chunk.id !== 'LIST') await visit(chunk, depth);
      const reason = `the RIFF size ends the '${form.form.trim()}' form at ${form.end}, but chunk '${chunk.id}' at ${chunk.start} runs to ${dataEnd}`;
      return invalidAt(form.end <= reader.end ? form.end : chunk.start, reason);
    }
    const stop = await visit(chunk, depth);
    if (stop) return stop;
    if (chunk.end < form.end) return undefined;
    return form.end > reader.end ? OUT_OF_DATA : doneAt(form.end);
  });
}

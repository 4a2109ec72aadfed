import type { BoundedReader } from '../../bounded-reader.js';
import type { FormatMatch, ValidationState } from '../../types.js';
import type { MatchExtras } from './match-result.js';

/** Reasons kept per file; a hostile file can break in millions of places, the report names a few. */
const MAX_REASONS = 8;
/** A hole this small between a file's parts is padding or orphaned data, whatever came before it. */
const SMALL_HOLE = 1024 * 1024;
/** Payload parts kept per file (strips of a RAW); the first are where an over-long claim shows. */
const MAX_PAYLOAD_PARTS = 4096;

interface Part {
  pos: number;
  end: number;
  readonly what: string;
}

/**
 * The end of a file whose parts are reached by offsets (TIFF IFDs and strips, a RAF header's table, a
 * CIFF heap): the furthest byte of its parts. Positions are absolute offsets in the source.
 *
 * A part past the size limit, or any broken structure, is a problem: the file is corrupt and ends at its
 * last valid part. Parts are laid end to end in real files, so one far beyond a hole bigger than 1 MiB and
 * bigger than everything before it is taken for a garbage offset, not for data: it is left out (corrupt),
 * and it cannot stretch a finding over the rest of a disk. When the parts that remain run past the
 * source's end the file is truncated and keeps every byte there is. A soft problem (a maker note's
 * private data) is only a reason.
 */
export class Extent {
  private readonly parts: Part[] = [];
  /** Parts whose content the format cannot verify (raw sensor or pixel strips). */
  private readonly payloadParts: { pos: number; length: number }[] = [];
  /** Private data (soft parts: maker notes, Sony's SR2Private), and where the other parts end. */
  private readonly softParts: { pos: number; end: number }[] = [];
  private hardEnd = 0;
  private corrupt = false;
  private readonly reasons: string[] = [];
  private dropped = 0;

  constructor(
    readonly reader: BoundedReader,
    readonly start: number,
    /**
     * The format's own size limit. The engine caps a candidate's limit at the source's end, where the
     * reader ends; a part between there and this limit means the source cut the file short (truncated),
     * a part beyond it is garbage.
     */
    private readonly formatMaxSize: number,
  ) {}

  /** The largest believable length: the format's limit, or the engine's when that is not the source's end. */
  private get maxSize(): number {
    return this.reader.endIsSourceEnd ? this.formatMaxSize : Math.min(this.formatMaxSize, this.reader.end - this.start);
  }

  /**
   * Takes [pos, pos + length) as part of the file (even past the source's end: a truncated file still
   * says where its parts were). False, with a problem, when the place is impossible or past the limit
   * (or, for soft parts, past the source's end).
   */
  claim(pos: number, length: number, what: string, soft = false): boolean {
    const end = pos + length;
    if (!Number.isSafeInteger(pos) || !Number.isSafeInteger(length) || length < 0 || pos < this.start || !Number.isSafeInteger(end)) {
      this.problem(`${what} has an impossible place (${pos - this.start}+${length})`, soft);
      return false;
    }
    if (end - this.start > this.maxSize) {
      this.problem(`${what} (${pos - this.start}+${length}) runs past the ${this.maxSize}-byte size limit`, soft);
      return false;
    }
    if (soft && end > this.reader.end) {
      // Private data is no reason to call a file cut short.
      this.note(`${what} (${pos - this.start}+${length}) runs past the end of the source`);
      return false;
    }
    if (!soft) this.hardEnd = Math.max(this.hardEnd, end);
    else if (this.softParts.length < MAX_PAYLOAD_PARTS && length > 0) this.softParts.push({ pos, end });
    const last = this.parts[this.parts.length - 1];
    if (last && pos >= last.pos && pos <= last.end) last.end = Math.max(last.end, end);
    else this.parts.push({ pos, end, what });
    return true;
  }

  /**
   * True when a structure at [pos, pos + length) can be read. When it cannot, it is claimed (so a
   * structure cut off by the source's end makes the file truncated) or, past the limit, a problem.
   */
  canRead(pos: number, length: number, what: string, soft = false): boolean {
    if (Number.isSafeInteger(pos) && Number.isSafeInteger(length) && pos >= this.start && length >= 0 && pos + length <= this.reader.end) return true;
    this.claim(pos, length, what, soft);
    return false;
  }

  /**
   * Marks [pos, pos + length), already claimed, as data the format cannot verify: the engine looks
   * inside it for a complete foreign file, which would show the structure claims too much.
   */
  payload(pos: number, length: number): void {
    if (this.payloadParts.length < MAX_PAYLOAD_PARTS && length > 0) this.payloadParts.push({ pos, length });
  }

  /** Something in the structure is invalid (corrupt), or only odd when soft. */
  problem(reason: string, soft = false): void {
    if (!soft) this.corrupt = true;
    this.note(reason);
  }

  note(reason: string): void {
    if (this.reasons.length < MAX_REASONS) this.reasons.push(reason);
    else this.dropped++;
  }

  /** Where the parts end, with the parts left out for lying beyond a hole too big to be real. */
  private layout(): { end: number; skipped: { part: Part; hole: number }[] } {
    const parts = [...this.parts].sort((a, b) => a.pos - b.pos);
    const skipped: { part: Part; hole: number }[] = [];
    let end = this.start;
    for (const part of parts) {
      const hole = part.pos - end;
      if (hole > SMALL_HOLE && hole > end - this.start) skipped.push({ part, hole });
      else end = Math.max(end, part.end);
    }
    return { end, skipped };
  }

  /** Where the file's believable parts end (absolute). */
  get end(): number {
    return this.layout().end;
  }

  /**
   * The verdict: the file ends at its furthest believable part; when that lies past the source's end
   * it is truncated and keeps every byte up to there; corrupt when something was left out.
   */
  match(extras: MatchExtras = {}): FormatMatch {
    const layout = this.layout();
    for (const { part, hole } of layout.skipped) {
      this.problem(`${part.what} (at ${part.pos - this.start}) lies ${hole} bytes past the file's other parts: taken for a bad offset`);
    }
    let end = layout.end;
    let state: ValidationState = this.corrupt ? 'corrupt' : 'complete';
    if (end > this.reader.end) {
      this.note(`the file's parts run to byte ${end - this.start}, past the end of the source (${this.reader.end - this.start} bytes there)`);
      end = this.reader.end;
      state = 'truncated';
    }
    const reasons = this.dropped > 0 ? [...this.reasons, `and ${this.dropped} more problems`] : [...this.reasons];
    // Private data reaching past every other part is all that makes the file that long, and the format
    // cannot verify it: a truncated RAW's maker-note offsets then point over whatever followed it on
    // the disk. What lies past the other parts is looked through for a foreign file like raw strips
    // (each from its own start: a preview that begins there is the file's own).
    for (const part of this.softParts) {
      const from = Math.max(part.pos, this.hardEnd);
      if (part.end > from) this.payload(from, part.end - from);
    }
    const payload = this.payloadParts
      .map(({ pos, length }) => ({ offset: pos, length: Math.min(pos + length, end) - pos }))
      .filter((run) => run.length > 0)
      .sort((a, b) => a.offset - b.offset);
    return {
      length: end - this.start,
      validation: { state, reasons },
      ...(payload.length > 0 ? { payload } : {}),
      ...(extras.dimensions ? { dimensions: extras.dimensions } : {}),
      ...(extras.kind ? { kind: extras.kind } : {}),
    };
  }
}

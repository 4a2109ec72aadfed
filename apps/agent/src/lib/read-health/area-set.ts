/** A half-open stretch of bytes [start, end). */
export interface Area {
  readonly start: number;
  readonly end: number;
}

export const SECTOR = 512;

/**
 * Byte areas as sorted, disjoint, non-touching stretches: adding one merges it with those it meets.
 * Adding in offset order (a map's blocks, a scan's reads) appends at the end without a search.
 */
export class AreaSet {
  readonly #areas: Area[] = [];

  get areas(): readonly Area[] {
    return this.#areas;
  }

  get size(): number {
    return this.#areas.length;
  }

  get bytes(): number {
    let sum = 0;
    for (const area of this.#areas) sum += area.end - area.start;
    return sum;
  }

  /** 512-byte sectors that hold any byte of the areas, each counted once. */
  get sectors(): number {
    let count = 0;
    let lastSector = -1;
    for (const { start, end } of this.#areas) {
      const first = Math.max(Math.floor(start / SECTOR), lastSector + 1);
      const last = Math.ceil(end / SECTOR) - 1;
      if (last >= first) count += last - first + 1;
      lastSector = Math.max(lastSector, last);
    }
    return count;
  }

  add(start: number, end: number): void {
    if (!(end > start)) return;
    const last = this.#areas.at(-1);
    if (!last || last.end < start) {
      this.#areas.push({ start, end });
      return;
    }
    // The first area that ends at or after `start`: it and the ones up to `end` merge with the new one.
    const from = this.firstEndingFrom(start);
    let to = from;
    let merged = { start, end };
    while (to < this.#areas.length && (this.#areas[to] as Area).start <= end) {
      const area = this.#areas[to] as Area;
      merged = { start: Math.min(merged.start, area.start), end: Math.max(merged.end, area.end) };
      to++;
    }
    this.#areas.splice(from, to - from, merged);
  }

  /** True when every byte of [start, end) is in the set. */
  covers(start: number, end: number): boolean {
    if (!(end > start)) return true;
    const area = this.#areas[this.firstEndingFrom(start + 1)];
    return area !== undefined && area.start <= start && area.end >= end;
  }

  /** The stretches of [start, end) that are not in the set, in order. */
  gaps(start: number, end: number): Area[] {
    const out: Area[] = [];
    let at = start;
    for (let i = this.firstEndingFrom(start + 1); i < this.#areas.length && at < end; i++) {
      const area = this.#areas[i] as Area;
      if (area.start >= end) break;
      if (area.start > at) out.push({ start: at, end: area.start });
      at = Math.max(at, area.end);
    }
    if (at < end) out.push({ start: at, end });
    return out;
  }

  /** The parts of the set inside [start, end), in order. */
  within(start: number, end: number): Area[] {
    const out: Area[] = [];
    for (let i = this.firstEndingFrom(start + 1); i < this.#areas.length; i++) {
      const area = this.#areas[i] as Area;
      if (area.start >= end) break;
      out.push({ start: Math.max(area.start, start), end: Math.min(area.end, end) });
    }
    return out;
  }

  /** Index of the first area whose end is >= pos (the length when there is none). */
  private firstEndingFrom(pos: number): number {
    let low = 0;
    let high = this.#areas.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.#areas[mid] as Area).end < pos) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

import { createPairScanner, PAIR_BLOCK, type PairScanner } from './pair-scan.js';
import type { SignatureIndex } from './signature-index.js';

/** What byte-level mode searches for with Buffer.indexOf: a few bytes of a signature. */
interface Anchor {
  readonly needle: Buffer;
}

/** An anchor hit at `h` makes `h - shift` a candidate start. */
interface Probe {
  readonly anchor: number;
  readonly shift: number;
}

export interface AnchorPlan {
  readonly anchors: readonly Anchor[];
  readonly probes: readonly Probe[];
}

const MAX_ANCHOR = 4;
/** A one-byte anchor would stop every 256 bytes of random data. */
const MIN_ANCHOR = 2;
/** Bytes that fill whole regions (zeroed space, erased flash): an anchor never starts with one. */
const FILL = new Set([0x00, 0xff]);
/** Anchors sharing their first two bytes this often are searched as those two bytes, once. */
const SHARED_PREFIX = 3;

/**
 * The anchor of each signature: 2 to 4 of its bytes (a longer needle only slows indexOf down),
 * starting where possible at a byte that is not 0x00 or 0xFF, whose search (memchr for the first byte)
 * would stop at every byte of a zeroed or erased region; identical anchors are searched once. Every
 * anchor is one pass of indexOf over each chunk, so anchors that share their first two bytes at the
 * same place (TIFF's "II*\0", "IIRO", "IIU\0"…) become those two bytes, searched once: a two-byte hit
 * every 64 KiB of random bytes costs less than a pass. Candidates found by an anchor are checked
 * against the whole signatures afterwards (formatsAt).
 */
export function planAnchors(index: SignatureIndex): AnchorPlan {
  const anchors: Anchor[] = [];
  const probes: Probe[] = [];
  const anchorIds = new Map<string, number>();
  const probeIds = new Set<string>();
  const chosen = index.signatures.map(({ offset, needle }) => {
    let k = 0;
    while (k < needle.length - MIN_ANCHOR && FILL.has(needle[k])) k++;
    if (FILL.has(needle[k])) k = 0;
    return { shift: offset + k, bytes: needle.subarray(k, k + MAX_ANCHOR) };
  });
  const prefixKey = (c: { shift: number; bytes: Buffer }): string => `${c.shift}:${c.bytes.subarray(0, MIN_ANCHOR).toString('hex')}`;
  const sharing = new Map<string, Set<string>>();
  for (const c of chosen) {
    const distinct = sharing.get(prefixKey(c)) ?? new Set<string>();
    sharing.set(prefixKey(c), distinct.add(c.bytes.toString('hex')));
  }
  for (const c of chosen) {
    const { shift, bytes: full } = c;
    const shared = (sharing.get(prefixKey(c))?.size ?? 0) >= SHARED_PREFIX;
    const bytes = shared ? full.subarray(0, MIN_ANCHOR) : full;
    const key = bytes.toString('hex');
    let anchor = anchorIds.get(key);
    if (anchor === undefined) {
      anchor = anchors.push({ needle: Buffer.from(bytes) }) - 1;
      anchorIds.set(key, anchor);
    }
    if (probeIds.has(`${anchor}:${shift}`)) continue;
    probeIds.add(`${anchor}:${shift}`);
    probes.push({ anchor, shift });
  }
  return { anchors, probes };
}

const plans = new WeakMap<SignatureIndex, AnchorPlan>();

/** What the one-pass search needs of a plan: the scanner of its anchors' first byte pairs, and who has which. */
interface PairPlan {
  readonly scanner: PairScanner;
  /** Anchors by their first two bytes (first | second << 8). */
  readonly anchorsByPair: ReadonlyMap<number, readonly number[]>;
  /** Probes by anchor. */
  readonly shiftsByAnchor: readonly (readonly number[])[];
  readonly maxShift: number;
}

const pairPlans = new WeakMap<AnchorPlan, PairPlan | null>();

function pairPlanOf(plan: AnchorPlan): PairPlan | undefined {
  let known = pairPlans.get(plan);
  if (known === undefined) {
    const pairOf = (needle: Buffer) => needle[0] | (needle[1] << 8);
    const scanner = plan.anchors.every((a) => a.needle.length >= MIN_ANCHOR) ? createPairScanner(plan.anchors.map((a) => pairOf(a.needle))) : undefined;
    const anchorsByPair = new Map<number, number[]>();
    plan.anchors.forEach((a, i) => anchorsByPair.set(pairOf(a.needle), [...(anchorsByPair.get(pairOf(a.needle)) ?? []), i]));
    const shiftsByAnchor = plan.anchors.map((_, i) => plan.probes.filter((p) => p.anchor === i).map((p) => p.shift));
    known = scanner ? { scanner, anchorsByPair, shiftsByAnchor, maxShift: Math.max(0, ...plan.probes.map((p) => p.shift)) } : null;
    pairPlans.set(plan, known);
  }
  return known ?? undefined;
}

/**
 * Byte-level mode: the next offset in a chunk where some signature's anchor lies. One pass finds the
 * anchors' first two bytes at once (pair-scan.ts), a block at a time as the scan goes; without
 * WebAssembly SIMD, one Buffer.indexOf per anchor.
 */
export class SignatureFinder {
  private readonly plan: AnchorPlan;
  private readonly pairs: PairPlan | undefined;
  /** One-pass search: candidate starts found and not yet passed, sorted, from `head` on. */
  private queue: number[] = [];
  private head = 0;
  /** Byte pairs at positions below this were searched (from `origin` on). */
  private scannedTo = 0;
  private origin = 0;
  /** Pair positions of the block searched last (reused). */
  private readonly hits: number[] = [];
  /** indexOf search, per probe: the next candidate start found (-2: not searched yet, -1: none in the chunk). */
  private readonly next: number[];
  /** Per anchor: the first hit at or after `searchedFrom` (-1: none), shared by its probes. */
  private readonly searchedFrom: number[];
  private readonly hit: number[];

  constructor(
    index: SignatureIndex,
    private readonly chunk: Buffer,
  ) {
    let plan = plans.get(index);
    if (!plan) plans.set(index, (plan = planAnchors(index)));
    this.plan = plan;
    this.pairs = pairPlanOf(plan);
    this.next = plan.probes.map(() => -2);
    this.searchedFrom = plan.anchors.map(() => Infinity);
    this.hit = plan.anchors.map(() => -1);
  }

  /** Smallest candidate start in [from, to) (chunk-relative), or -1; it may still fail formatsAt. */
  find(from: number, to: number): number {
    return this.pairs ? this.findByPairs(this.pairs, from, to) : this.findByIndexOf(from, to);
  }

  private findByPairs(pairs: PairPlan, from: number, to: number): number {
    if (from < this.origin) this.restart(from);
    // Past what was searched (the scan jumped over a file): nothing found so far counts.
    if (from > this.scannedTo) this.restart(from);
    for (;;) {
      while (this.head < this.queue.length && this.queue[this.head] < from) this.head++;
      const best = this.head < this.queue.length ? this.queue[this.head] : -1;
      const done = this.scannedTo >= this.chunk.length - 1;
      // Every start below scannedTo - maxShift is known (a pair found later lies at scannedTo or after).
      if (done || (best !== -1 && best < this.scannedTo - pairs.maxShift)) return best !== -1 && best < to ? best : -1;
      if (this.scannedTo - pairs.maxShift >= to) return -1;
      this.searchMore(pairs);
    }
  }

  private restart(from: number): void {
    this.queue = [];
    this.head = 0;
    this.origin = this.scannedTo = from;
  }

  private searchMore(pairs: PairPlan): void {
    const chunk = this.chunk;
    const at = this.scannedTo;
    const stop = Math.min(chunk.length - 1, at + PAIR_BLOCK);
    const hits = this.hits;
    hits.length = 0;
    pairs.scanner.scan(chunk, at, stop, hits);
    this.scannedTo = stop;
    const found: number[] = [];
    for (const h of hits) {
      for (const anchor of pairs.anchorsByPair.get(chunk[h] | (chunk[h + 1] << 8)) ?? []) {
        const needle = this.plan.anchors[anchor].needle;
        if (h + needle.length > chunk.length) continue;
        let whole = true;
        for (let i = 2; i < needle.length && whole; i++) whole = chunk[h + i] === needle[i];
        if (!whole) continue;
        for (const shift of pairs.shiftsByAnchor[anchor]) if (h - shift >= this.origin) found.push(h - shift);
      }
    }
    if (found.length === 0) return;
    const rest = this.queue.slice(this.head).concat(found).sort((a, b) => a - b);
    this.queue = rest.filter((v, i) => i === 0 || v !== rest[i - 1]);
    this.head = 0;
  }

  private findByIndexOf(from: number, to: number): number {
    let best = -1;
    const { probes } = this.plan;
    for (let i = 0; i < probes.length; i++) {
      let start = this.next[i];
      if (start === -1) continue;
      if (start < from) {
        const hit = this.search(probes[i].anchor, from + probes[i].shift);
        start = this.next[i] = hit === -1 ? -1 : hit - probes[i].shift;
        if (start === -1) continue;
      }
      if (start < to && (best === -1 || start < best)) best = start;
    }
    return best;
  }

  private search(anchor: number, from: number): number {
    const known = this.hit[anchor];
    if (this.searchedFrom[anchor] <= from && (known === -1 || known >= from)) return known;
    const hit = this.chunk.indexOf(this.plan.anchors[anchor].needle, from);
    this.searchedFrom[anchor] = from;
    this.hit[anchor] = hit;
    return hit;
  }
}

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

/** Byte-level mode: the next offset in a chunk where some signature's anchor lies, found with Buffer.indexOf. */
export class SignatureFinder {
  private readonly plan: AnchorPlan;
  /** Per probe: the next candidate start found (-2: not searched yet, -1: none in the chunk). */
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
    this.next = plan.probes.map(() => -2);
    this.searchedFrom = plan.anchors.map(() => Infinity);
    this.hit = plan.anchors.map(() => -1);
  }

  /** Smallest candidate start in [from, to) (chunk-relative), or -1; it may still fail formatsAt. */
  find(from: number, to: number): number {
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

/**
 * Byte-level mode's first filter, in one pass over the bytes: every position where one of a set of
 * byte pairs lies (the first two bytes of each signature anchor). A WebAssembly SIMD loop looks at 16
 * positions at a time (the four nibbles of each byte pair index 16-byte tables of bucket bits, as in
 * Hyperscan's "Teddy"), and checks the few positions it flags against a table of the 65,536 pairs. One
 * pass costs about what one Buffer.indexOf pass did, where indexOf took one pass per anchor (21).
 * Undefined from `createPairScanner` where WebAssembly SIMD is missing (the caller keeps indexOf).
 */

/** Bytes copied into the module's memory and scanned per call. */
export const PAIR_BLOCK = 64 * 1024;
const TABLES = 0; // four 16-byte nibble tables: first byte low/high, second byte low/high
const PAIRS = 64; // one flag per pair (first byte | second byte << 8)
const OUT = PAIRS + 65536; // PAIR_BLOCK u32 positions at most
const DATA = OUT + 4 * PAIR_BLOCK; // PAIR_BLOCK + 1 bytes, and 32 more the last vectors may read
const PAGES = Math.ceil((DATA + PAIR_BLOCK + 64) / 65536);
const BUCKETS = 8;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const mem = (offset: number) => [0, ...uleb(offset)]; // alignment hint 0, offset
const [V128_LOAD, V128_CONST, SWIZZLE, NE, AND, ANY_TRUE, BITMASK, SHR_U] = [0x00, 0x0c, 0x0e, 0x24, 0x4e, 0x53, 0x64, 0x6d];
const [FROM, TO, P, N, BITS, POS, T0LO, T0HI, T1LO, T1HI, LOW, V0, V1, M] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

/** scan(from, to): how many positions p in [from, to) of DATA hold a pair of the set; written to OUT in order. */
function moduleBytes(): Uint8Array {
  const nibbles = (table: number, vector: number, high: boolean) => [...get(table), ...get(vector), ...(high ? [0x41, 4, ...simd(SHR_U)] : [...get(LOW), ...simd(AND)]), ...simd(SWIZZLE)];
  const body = [
    ...[T0LO, T0HI, T1LO, T1HI].flatMap((local, i) => [0x41, 0, ...simd(V128_LOAD, ...mem(TABLES + 16 * i)), ...set(local)]),
    ...simd(V128_CONST, ...new Array<number>(16).fill(0x0f)), ...set(LOW),
    ...get(FROM), ...set(P),
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(P), ...get(TO), 0x4f, 0x0d, 1, // p >= to: done
    ...get(P), ...simd(V128_LOAD, ...mem(DATA)), ...set(V0),
    ...get(P), ...simd(V128_LOAD, ...mem(DATA + 1)), ...set(V1),
    ...nibbles(T0LO, V0, false), ...nibbles(T0HI, V0, true), ...simd(AND),
    ...nibbles(T1LO, V1, false), ...simd(AND), ...nibbles(T1HI, V1, true), ...simd(AND),
    0x22, M, ...simd(ANY_TRUE),
    0x04, 0x40, // if some lane is flagged
    ...get(M), ...simd(V128_CONST, ...new Array<number>(16).fill(0)), ...simd(NE), ...simd(BITMASK), ...set(BITS),
    0x02, 0x40, 0x03, 0x40, // block, loop over the flagged lanes
    ...get(BITS), 0x45, 0x0d, 1, // no lane left
    ...get(P), ...get(BITS), 0x68, 0x6a, 0x22, POS, ...get(TO), 0x49, // pos = p + ctz(bits); pos < to
    0x04, 0x40,
    ...get(POS), 0x2f, ...mem(DATA), 0x2d, ...mem(PAIRS), // flag of the pair at pos
    0x04, 0x40,
    ...get(N), 0x41, 2, 0x74, ...get(POS), 0x36, 2, ...uleb(OUT), // out[n] = pos
    ...get(N), 0x41, 1, 0x6a, ...set(N),
    0x0b, 0x0b,
    ...get(BITS), ...get(BITS), 0x41, 1, 0x6b, 0x71, ...set(BITS), // bits &= bits - 1
    0x0c, 0, 0x0b, 0x0b, // br lane loop; end loop, block
    0x0b, // end if
    ...get(P), 0x41, 16, 0x6a, ...set(P),
    0x0c, 0, 0x0b, 0x0b, // br loop; end loop, block
    ...get(N),
    0x0b,
  ];
  const locals = [2, 4, 0x7f, 8, 0x7b]; // 4 i32 (p, n, bits, pos), 8 v128
  const code = [...uleb(locals.length + body.length), ...locals, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(PAGES)]),
    ...section(7, [2, 4, ...Buffer.from('scan'), 0x00, 0, 6, ...Buffer.from('memory'), 0x02, 0]),
    ...section(10, [1, ...code]),
  ]);
}

/** The little of WebAssembly used here (its types live in TypeScript's DOM library, not loaded here). */
interface PairModule {
  readonly kind?: 'pair-scan';
}
interface Wasm {
  Module: new (bytes: Uint8Array) => PairModule;
  Instance: new (module: PairModule) => { readonly exports: { readonly memory: { readonly buffer: ArrayBuffer }; scan(from: number, to: number): number } };
}
const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;

let compiled: PairModule | null | undefined;
function compiledModule(): PairModule | undefined {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(moduleBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

export interface PairScanner {
  /** Positions p in [from, to) with bytes[p], bytes[p + 1] a pair of the set, in order, pushed to `hits`. */
  scan(bytes: Uint8Array, from: number, to: number, hits: number[]): void;
}

/** Pairs (first byte | second byte << 8) sorted into the bucket whose nibble sets they widen least. */
function buckets(pairs: readonly number[]): number[][] {
  const nibbleSets = (group: readonly number[]) => [0, 4, 8, 12].map((shift) => new Set(group.map((p) => (p >> shift) & 15)));
  const accepts = (group: readonly number[], pair: number) => nibbleSets(group).every((s, i) => s.has((pair >> (4 * i)) & 15));
  // Pairs a bucket lets through; zeroed and erased space must never be flagged (every block would be).
  const cost = (group: readonly number[]) => (accepts(group, 0x0000) || accepts(group, 0xffff) ? 1e9 : nibbleSets(group).reduce((c, s) => c * s.size, 1));
  const out: number[][] = Array.from({ length: BUCKETS }, () => []);
  for (const pair of pairs) {
    let best = 0;
    let bestCost = Infinity;
    out.forEach((group, k) => {
      const more = cost([...group, pair]) - (group.length ? cost(group) : 0);
      if (more < bestCost) [best, bestCost] = [k, more];
    });
    out[best].push(pair);
  }
  return out;
}

export function createPairScanner(pairs: readonly number[]): PairScanner | undefined {
  const module = compiledModule();
  if (!module || pairs.length === 0) return undefined;
  const { exports } = new (wasm as Wasm).Instance(module);
  const memory = new Uint8Array(exports.memory.buffer);
  const scanBlock = (from: number, to: number) => exports.scan(from, to);
  const out = new Uint32Array(memory.buffer, OUT, PAIR_BLOCK);
  buckets([...new Set(pairs)]).forEach((group, k) => {
    for (const pair of group) for (let i = 0; i < 4; i++) memory[TABLES + 16 * i + ((pair >> (4 * i)) & 15)] |= 1 << k;
  });
  for (const pair of pairs) memory[PAIRS + pair] = 1;
  return {
    scan(bytes, from, to, hits) {
      // A pair needs the byte after it.
      const end = Math.min(to, bytes.length - 1);
      for (let at = Math.max(0, from); at < end; at += PAIR_BLOCK) {
        const stop = Math.min(end, at + PAIR_BLOCK);
        memory.set(bytes.subarray(at, stop + 1), DATA);
        const n = scanBlock(0, stop - at);
        for (let i = 0; i < n; i++) hits.push(at + out[i]);
      }
    },
  };
}

import { aliasTable, ANS_LOG_TAB_SIZE, readDistribution, type AliasTable } from './jxl-ans.js';
import { bits, InvalidBits, val, type BitReader } from './jxl-bits.js';
import { readPrefixCode, type PrefixCode } from './jxl-prefix.js';

interface UintConfig {
  readonly splitExponent: number;
  readonly msb: number;
  readonly lsb: number;
}

/** The entropy code of one stream (ISO/IEC 18181-1 §C.2): LZ77 settings, context clustering, one code per cluster. */
export interface EntropyCode {
  readonly lz77?: { readonly minSymbol: number; readonly minLength: number; readonly lengthConfig: UintConfig };
  readonly contextMap: readonly number[];
  readonly configs: readonly UintConfig[];
  readonly prefix?: readonly PrefixCode[];
  readonly ans?: readonly AliasTable[];
  readonly logAlphaSize: number;
}

const LZ77_WINDOW = 1 << 20;
const FIRST_WINDOW = 1 << 10;
const ANS_FINAL_STATE = 0x130000;
const ceilLog2 = (x: number): number => Math.ceil(Math.log2(x));

function readUintConfig(r: BitReader, logAlphaSize: number): UintConfig {
  const splitExponent = r.read(ceilLog2(logAlphaSize + 1));
  if (splitExponent === logAlphaSize) return { splitExponent, msb: 0, lsb: 0 };
  const msb = r.read(ceilLog2(splitExponent + 1));
  if (msb > splitExponent) throw new InvalidBits('an invalid hybrid integer config');
  const lsb = r.read(ceilLog2(splitExponent - msb + 1));
  if (msb + lsb > splitExponent) throw new InvalidBits('an invalid hybrid integer config');
  return { splitExponent, msb, lsb };
}

/** Reads the histograms of a stream with `contexts` contexts (DecodeHistograms). */
export function readEntropyCode(r: BitReader, contexts: number, disallowLz77 = false): EntropyCode {
  let lz77: EntropyCode['lz77'];
  if (r.bool()) {
    if (disallowLz77) throw new InvalidBits('LZ77 in a two-entry context map');
    const minSymbol = r.u32([val(224), val(512), val(4096), bits(15, 8)]);
    const minLength = r.u32([val(3), val(4), bits(2, 5), bits(8, 9)]);
    lz77 = { minSymbol, minLength, lengthConfig: readUintConfig(r, 8) };
    contexts++;
  }
  const contextMap = contexts > 1 ? readContextMap(r, contexts) : [0];
  const clusters = largest(contextMap) + 1;
  const usePrefix = r.bool();
  const logAlphaSize = usePrefix ? 15 : r.read(2) + 5;
  const configs = Array.from({ length: clusters }, () => readUintConfig(r, logAlphaSize));
  const base = { ...(lz77 ? { lz77 } : {}), contextMap, configs, logAlphaSize };
  if (usePrefix) {
    const sizes = Array.from({ length: clusters }, () => varLenUint16(r) + 1);
    if (sizes.some((s) => s > 1 << 15)) throw new InvalidBits('a prefix code alphabet beyond 2^15');
    return { ...base, prefix: sizes.map((size) => (size > 1 ? readPrefixCode(r, size) : () => 0)) };
  }
  return { ...base, ans: Array.from({ length: clusters }, () => aliasTable(readDistribution(r, 1 << logAlphaSize), logAlphaSize)) };
}

function varLenUint16(r: BitReader): number {
  if (!r.bool()) return 0;
  const n = r.read(4);
  return n === 0 ? 1 : r.read(n) + (1 << n);
}

/** The largest of many numbers (a spread of millions would overflow the stack). */
export function largest(values: readonly number[]): number {
  let most = -Infinity;
  for (const v of values) if (v > most) most = v;
  return most;
}

/** A context map: simple (fixed-width entries) or itself entropy-coded, optionally move-to-front. */
export function readContextMap(r: BitReader, size: number): number[] {
  if (r.bool()) {
    const width = r.read(2);
    return Array.from({ length: size }, () => r.read(width));
  }
  const mtf = r.bool();
  const code = readEntropyCode(r, 1, size <= 2);
  const reader = new SymbolReader(code, r);
  const map = Array.from({ length: size }, () => reader.read(0));
  if (map.some((v) => v >= 256) || !reader.finished()) throw new InvalidBits('an invalid context map');
  if (mtf) {
    const order = Array.from({ length: 256 }, (_, i) => i);
    for (let i = 0; i < size; i++) {
      const value = order[map[i]];
      order.splice(map[i], 1);
      order.unshift(value);
      map[i] = value;
    }
  }
  const clusters = largest(map) + 1;
  if (new Set(map).size !== clusters) throw new InvalidBits('a context map with unused clusters');
  return map;
}

/** Decodes hybrid integers from a stream with an entropy code: ANS or prefix codes, with LZ77 copies. */
export class SymbolReader {
  private state = ANS_FINAL_STATE;
  private window?: Uint32Array;
  private decoded = 0;
  private toCopy = 0;
  private copyPos = 0;

  constructor(
    private readonly code: EntropyCode,
    private readonly r: BitReader,
  ) {
    if (code.ans) this.state = r.read(32);
    // The window grows with what is decoded: most streams (and random bytes) never fill 4 MB of it.
    if (code.lz77) this.window = new Uint32Array(FIRST_WINDOW);
  }

  /** The next integer in context `ctx` (an unclustered context). */
  read(ctx: number): number {
    const window = this.window;
    if (this.toCopy > 0 && window) {
      const value = window[this.copyPos++ % LZ77_WINDOW];
      this.toCopy--;
      this.record(value);
      return value;
    }
    const cluster = this.code.contextMap[ctx];
    const token = this.symbol(cluster);
    const lz77 = this.code.lz77;
    if (lz77 && window && token >= lz77.minSymbol) {
      this.toCopy = this.hybrid(lz77.lengthConfig, token - lz77.minSymbol) + lz77.minLength;
      const distCluster = this.code.contextMap[this.code.contextMap.length - 1];
      let distance = this.hybrid(this.code.configs[distCluster], this.symbol(distCluster)) + 1;
      distance = Math.min(distance, this.decoded, LZ77_WINDOW);
      this.copyPos = this.decoded - distance;
      return this.read(ctx);
    }
    const value = this.hybrid(this.code.configs[cluster], token);
    if (window) this.record(value);
    return value;
  }

  /** Keeps a decoded value for later LZ77 copies. */
  private record(value: number): void {
    let window = this.window as Uint32Array;
    if (this.decoded >= window.length && window.length < LZ77_WINDOW) {
      const grown = new Uint32Array(Math.min(LZ77_WINDOW, window.length * 4));
      grown.set(window);
      this.window = window = grown;
    }
    window[this.decoded++ % LZ77_WINDOW] = value;
  }

  /** True when an ANS stream ends in its final state (always for prefix codes). */
  finished(): boolean {
    return this.state === ANS_FINAL_STATE;
  }

  private symbol(cluster: number): number {
    if (this.code.prefix) return this.code.prefix[cluster](this.r);
    const table = (this.code.ans as readonly AliasTable[])[cluster];
    const s = table(this.state & ((1 << ANS_LOG_TAB_SIZE) - 1));
    this.state = (s.freq * Math.floor(this.state / (1 << ANS_LOG_TAB_SIZE)) + s.offset) >>> 0;
    if (this.state < 1 << 16) this.state = (this.state * 65536 + this.r.read(16)) >>> 0;
    return s.value;
  }

  private hybrid(config: UintConfig, token: number): number {
    const splitToken = 2 ** config.splitExponent;
    if (token < splitToken) return token;
    const inToken = config.msb + config.lsb;
    const n = (config.splitExponent - inToken + Math.floor((token - splitToken) / 2 ** inToken)) & 31;
    const low = token % 2 ** config.lsb;
    const high = Math.floor(token / 2 ** config.lsb);
    const lead = 2 ** config.msb + (high % 2 ** config.msb);
    return (lead * 2 ** n + this.r.read(n)) * 2 ** config.lsb + low;
  }
}

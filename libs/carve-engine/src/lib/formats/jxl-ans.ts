import { InvalidBits, type BitReader } from './jxl-bits.js';
import { readTable } from './jxl-prefix.js';

/** ANS works on a 12-bit table (ISO/IEC 18181-1 §C.2.5). */
export const ANS_LOG_TAB_SIZE = 12;
const TAB_SIZE = 1 << ANS_LOG_TAB_SIZE;
/** The fixed code of a distribution's log-counts (value = log-count + 1; 13 marks a run). */
const LOG_COUNTS = readTable({
  '000': 10, '001': 6, '010': 7, '011': 9, '101': 8, '1100': 3, '1001': 4, '1101': 1, '1110': 5, '1111': 2,
  '10001': 0, '100001': 11, '1000000': 12, '1000001': 13,
});

/** One symbol an ANS state decodes to, and how the state moves on. */
export interface AnsSymbol {
  readonly value: number;
  readonly offset: number;
  readonly freq: number;
}

/** An alias table: maps the state's low 12 bits to a symbol in constant time. */
export type AliasTable = (res: number) => AnsSymbol;

/** VarLenUint8: 0, or 2^n + n more bits (n = 0..7). */
export function varLenUint8(r: BitReader): number {
  if (!r.bool()) return 0;
  const n = r.read(3);
  return n === 0 ? 1 : r.read(n) + (1 << n);
}

/** One ANS distribution (simple, flat, or log-count coded), as counts summing to 4096. */
export function readDistribution(r: BitReader, maxAlphabet: number): number[] {
  if (r.bool()) {
    const two = r.bool();
    const first = varLenUint8(r);
    const second = two ? varLenUint8(r) : first;
    const counts = new Array<number>(Math.max(first, second) + 1).fill(0);
    if (!two) counts[first] = TAB_SIZE;
    else {
      if (first === second) throw new InvalidBits('a two-symbol distribution with one symbol');
      counts[first] = r.read(ANS_LOG_TAB_SIZE);
      counts[second] = TAB_SIZE - counts[first];
    }
    return checkSize(counts, maxAlphabet);
  }
  if (r.bool()) {
    const size = varLenUint8(r) + 1;
    return checkSize(Array.from({ length: size }, (_, i) => Math.floor(TAB_SIZE / size) + (i < TAB_SIZE % size ? 1 : 0)), maxAlphabet);
  }
  let log = 0;
  while (log < 3 && r.bool()) log++;
  const shift = (r.read(log) | (1 << log)) - 1;
  if (shift > ANS_LOG_TAB_SIZE + 1) throw new InvalidBits(`distribution shift ${shift}`);
  const size = varLenUint8(r) + 3;
  const logCounts = new Array<number>(size).fill(0);
  const same = new Array<number>(size).fill(0);
  let omitLog = -1;
  let omitPos = -1;
  for (let i = 0; i < size; i++) {
    logCounts[i] = LOG_COUNTS(r) - 1;
    if (logCounts[i] === ANS_LOG_TAB_SIZE) {
      const run = varLenUint8(r);
      same[i] = run + 5;
      i += run + 3;
      continue;
    }
    if (logCounts[i] > omitLog) {
      omitLog = logCounts[i];
      omitPos = i;
    }
  }
  if (omitPos < 0 || (omitPos + 1 < size && logCounts[omitPos + 1] === ANS_LOG_TAB_SIZE)) throw new InvalidBits('an invalid distribution');
  const counts = new Array<number>(size).fill(0);
  let total = 0;
  let previous = 0;
  let repeats = 0;
  for (let i = 0; i < size; i++) {
    if (same[i]) {
      repeats = same[i] - 1;
      previous = i > 0 ? counts[i - 1] : 0;
    }
    if (repeats > 0) {
      counts[i] = previous;
      repeats--;
    } else {
      const code = logCounts[i];
      if (i === omitPos || code < 0) continue;
      if (shift === 0 || code === 0) counts[i] = 1 << code;
      else {
        const precision = Math.max(0, Math.min(code, shift - ((ANS_LOG_TAB_SIZE - code) >> 1)));
        counts[i] = (1 << code) + (r.read(precision) << (code - precision));
      }
    }
    total += counts[i];
  }
  counts[omitPos] = TAB_SIZE - total;
  if (counts[omitPos] <= 0) throw new InvalidBits('distribution counts exceed the table');
  return checkSize(counts, maxAlphabet);
}

function checkSize(counts: number[], maxAlphabet: number): number[] {
  while (counts.length > 0 && counts[counts.length - 1] === 0) counts.pop();
  if (counts.length > maxAlphabet) throw new InvalidBits(`a distribution of ${counts.length} symbols`);
  return counts;
}

/** Builds the alias table of a distribution over 2^logAlphaSize buckets (Vose's method, as the codec specifies it). */
export function aliasTable(distribution: readonly number[], logAlphaSize: number): AliasTable {
  const tableSize = 1 << logAlphaSize;
  const entrySize = TAB_SIZE >> logAlphaSize;
  const logEntrySize = ANS_LOG_TAB_SIZE - logAlphaSize;
  const counts = distribution.length > 0 ? distribution : [TAB_SIZE];
  if (counts.reduce((a, b) => a + b, 0) !== TAB_SIZE) throw new InvalidBits('a distribution that does not sum to 4096');
  const single = counts.indexOf(TAB_SIZE);
  if (single !== -1) return (res) => ({ value: single, offset: res, freq: TAB_SIZE });
  const cutoffs = Array.from({ length: tableSize }, (_, i) => counts[i] ?? 0);
  const right = Array.from({ length: tableSize }, (_, i) => i);
  const offsets = new Array<number>(tableSize).fill(0);
  const under: number[] = [];
  const over: number[] = [];
  cutoffs.forEach((c, i) => (c > entrySize ? over : c < entrySize ? under : []).push(i));
  while (over.length > 0) {
    const o = over.pop() as number;
    const u = under.pop();
    if (u === undefined) throw new InvalidBits('an unbalanced distribution');
    cutoffs[o] -= entrySize - cutoffs[u];
    right[u] = o;
    offsets[u] = cutoffs[o];
    if (cutoffs[o] < entrySize) under.push(o);
    else if (cutoffs[o] > entrySize) over.push(o);
  }
  for (let i = 0; i < tableSize; i++) {
    if (cutoffs[i] === entrySize) {
      right[i] = i;
      offsets[i] = 0;
      cutoffs[i] = 0;
    } else offsets[i] -= cutoffs[i];
  }
  return (res) => {
    const i = res >> logEntrySize;
    const pos = res & (entrySize - 1);
    if (pos >= cutoffs[i]) return { value: right[i], offset: offsets[i] + pos, freq: counts[right[i]] ?? 0 };
    return { value: i, offset: pos, freq: counts[i] ?? 0 };
  };
}

/**
 * A small seeded PRNG (mulberry32): the same numbers on every run, so a benchmark lays its images out
 * the same way and an emulator's random faults can be repeated. Plain JavaScript, so the benchmarks
 * load it without the TypeScript hooks. (libs/carve-engine keeps its own in src/testing: a lib does
 * not import tools.)
 * @param {number} seed
 * @returns {() => number} the next number in [0, 1)
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type { ConformanceFaults, ConformanceHarness } from './conformance.js';
export { describeConformance } from './conformance.js';
export { CONFORMANCE_TESTS, TEST_NAMES } from './conformance-context.js';
export { collect, countingSource, expectedOf, hashesOf, isAbort, MapSessionStore, objectsAt, photoLike, readBack } from './helpers.js';

export type { ConformanceFaults, ConformanceHarness } from './conformance.js';
export { describeConformance } from './conformance.js';
export { CONFORMANCE_TESTS, TEST_NAMES } from './conformance-context.js';
export { collect, countingSource, expectedOf, hashesOf, isAbort, looksLikeImage, MapSessionStore, objectsAt, photoLike, readBack, smallJpeg } from './helpers.js';

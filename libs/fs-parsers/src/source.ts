// A secondary entry point: byte sources only (files, slices), without the filesystems, volume systems
// and their dependencies (better-sqlite3). A carve engine's worker thread opens its source through
// this and saves each thread the rest of the library's modules (~6 MB of RSS a thread).
export type { ByteSource } from './lib/source/byte-source.js';
export { openFileSource } from './lib/source/file-source.js';
export { sliceSource } from './lib/source/slice-source.js';

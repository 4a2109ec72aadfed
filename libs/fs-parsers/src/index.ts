export {
  FsParserError,
  InvalidReadError,
  TruncatedError,
  CorruptError,
  UnsupportedError,
  AmbiguousFilesystemError,
  isFsParserError,
} from './lib/errors.js';
export type { FsParserErrorCode } from './lib/errors.js';

export { MAX_READ_BYTES, readExact } from './lib/source/byte-source.js';
export type { ByteSource } from './lib/source/byte-source.js';
export { bufferSource } from './lib/source/buffer-source.js';
export { openFileSource } from './lib/source/file-source.js';
export { sliceSource } from './lib/source/slice-source.js';
export { readByteRuns } from './lib/source/read-runs.js';

export type {
  ByteRun,
  FsEntry,
  FileSystem,
  FilesystemDescriptor,
  OpenOptions,
  RunConfidence,
  WalkOptions,
} from './lib/filesystem.js';
export { filesystems, detectFilesystem } from './lib/filesystems.js';

export { openVolumes } from './lib/volumes/open-volumes.js';
export type { Volume, VolumeLayout, VolumeScheme } from './lib/volumes/open-volumes.js';
export { parseMbr } from './lib/volumes/mbr.js';
export type { MbrPartition } from './lib/volumes/mbr.js';

export { fat12, fat16, fat32 } from './lib/fat/fat-descriptors.js';
export { FatFileSystem } from './lib/fat/fat-filesystem.js';
export { parseFatBootSector } from './lib/fat/boot-sector.js';
export type { FatGeometry } from './lib/fat/boot-sector.js';
export type { FatType } from './lib/fat/variants.js';

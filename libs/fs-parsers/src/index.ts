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
export { MAX_SPLIT_PIECES, openSplitSource } from './lib/source/split-source.js';
export { readByteRuns } from './lib/source/read-runs.js';

export type {
  ByteRun,
  FsEntry,
  FileSystem,
  FilesystemDescriptor,
  OpenOptions,
  RecycledFrom,
  RunCandidate,
  RunConfidence,
  WalkOptions,
} from './lib/filesystem.js';
export { filesystems, detectFilesystem } from './lib/filesystems.js';

export { openVolumes } from './lib/volumes/open-volumes.js';
export type {
  ApmPartitionInfo,
  GptPartitionInfo,
  MbrPartitionInfo,
  OpenVolumesOptions,
  PartitionInfo,
  Volume,
  VolumeLayout,
  VolumeScheme,
} from './lib/volumes/open-volumes.js';
export { parseMbr } from './lib/volumes/mbr.js';
export type { MbrPartition } from './lib/volumes/mbr.js';

export { fat12, fat16, fat32 } from './lib/fat/fat-descriptors.js';
export { FatFileSystem } from './lib/fat/fat-filesystem.js';
export { parseFatBootSector } from './lib/fat/boot-sector.js';
export type { FatGeometry } from './lib/fat/boot-sector.js';
export type { FatType } from './lib/fat/variants.js';
export { ORPHAN_FOLDER } from './lib/fat/orphan-entries.js';

export { pairRecycleBin } from './lib/recycle-bin/pair-recycle-bin.js';
export type { RecycleBinReport, RecyclePair } from './lib/recycle-bin/pair-recycle-bin.js';
export { MAX_INFO_BYTES as MAX_RECYCLE_BIN_INFO_BYTES, parseRecycleBinInfo } from './lib/recycle-bin/info-file.js';
export type { RecycleBinInfo } from './lib/recycle-bin/info-file.js';
export { filetimeToIso } from './lib/recycle-bin/filetime.js';

export { exfat } from './lib/exfat/exfat-descriptor.js';
export { ExfatFileSystem } from './lib/exfat/exfat-filesystem.js';
export { parseExfatBootSector } from './lib/exfat/boot-sector.js';
export type { ExfatGeometry } from './lib/exfat/boot-sector.js';

export { hfsplus } from './lib/hfsplus/hfsplus-descriptor.js';
export { HfsPlusFileSystem } from './lib/hfsplus/hfsplus-filesystem.js';
export type { JournalScan as HfsJournalScan } from './lib/hfsplus/journal-scan.js';
export { parseVolumeHeader as parseHfsPlusVolumeHeader } from './lib/hfsplus/volume-header.js';
export type { VolumeHeader as HfsPlusVolumeHeader } from './lib/hfsplus/volume-header.js';
export { parseHfsWrapper } from './lib/hfsplus/hfs-wrapper.js';

export {
  openIphoneBackup,
  isIphoneBackup,
  NotABackupError,
  NeedsPasswordError,
  WrongPasswordError,
  CorruptBackupError,
  RECENTLY_DELETED_DAYS,
  MAX_PBKDF2_ROUNDS,
} from './lib/iphone-backup/index.js';
export type {
  IphoneBackup,
  IphoneBackupInfo,
  OpenIphoneBackupOptions,
  PhoneMedia,
  MediaKind as PhoneMediaKind,
} from './lib/iphone-backup/index.js';

export { MEDIASTORE_LIFETIME_DAYS, mediaStoreSince, parseMediaStoreName } from './lib/android-trash/media-store-name.js';
export type { MediaStoreName, MediaStoreState } from './lib/android-trash/media-store-name.js';
export { findFolderLeftovers } from './lib/folder-leftovers/find-folder-leftovers.js';
export type { AndroidLeftover, FolderLeftover, FolderLeftoverOptions, RecycleBinLeftover } from './lib/folder-leftovers/folder-leftover.js';
export { MEDIA_EXTENSIONS as FOLDER_MEDIA_EXTENSIONS, isMediaFileName } from './lib/folder-leftovers/media-extensions.js';

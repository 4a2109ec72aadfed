import type { ByteRun } from '@afterimage/contracts';
import type { ByteSource } from './source/byte-source.js';

/** A contiguous piece of a file, in bytes from the start of the source the filesystem was opened on. */
export type { ByteRun };

/** How sure we are that an entry's byte runs hold its content. */
export type RunConfidence = 'chain' | 'contiguous-free' | 'unknown';

/** One file or directory, live or deleted, as a filesystem knows it. */
export interface FsEntry {
  /** Full path from the volume root, '/'-separated, starting with '/'. */
  path: string;
  name: string;
  /** The 8.3 name where the filesystem has one (a deleted entry's lost first character restored when known). */
  shortName?: string;
  /**
   * A better guess at a deleted entry's name than `name` holds (for example the first character of
   * an 8.3 name, lost to the deletion mark, taken from look-alike names in the same folder); `notes`
   * says how it was guessed. `name` stays as the disk has it.
   */
  inferredName?: string;
  isDirectory: boolean;
  /** Deleted itself, or inside a deleted directory. */
  deleted: boolean;
  size: number;
  firstCluster: number;
  /**
   * ISO 8601; FAT keeps local time without a zone, read here as UTC, and its accessedAt is a date only.
   * exFAT times with a valid UTC offset are real UTC (without one, local time read as UTC).
   */
  createdAt?: string;
  modifiedAt?: string;
  accessedAt?: string;
  /** Where the content lies, in bytes from the start of the ByteSource the filesystem was opened on. */
  byteRuns: ByteRun[];
  confidence: RunConfidence;
  /** Damage and guesses met on the way: a broken chain, a name without its long form... */
  notes: string[];
  /** Set by pairRecycleBin on a Windows Recycle Bin `$R…` entry (and what a `$R…` folder holds). */
  recycled?: RecycledFrom;
}

/** Where a Recycle Bin item was before it was deleted, from its `$I…` file. */
export interface RecycledFrom {
  /** The path Windows had, e.g. `E:\DCIM\100CANON\IMG_0042.JPG` (backslashes, drive letter). */
  originalPath: string;
  originalName: string;
  /** ISO 8601 UTC, from the `$I` FILETIME; absent when it is zero or out of range. */
  deletedAt?: string;
  /** The user's SID: the `$Recycle.Bin` sub-folder it was in. */
  sid: string;
  /** Path of the `$I…` entry it was paired with. */
  infoPath: string;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /**
   * entries(): also list directories left in free clusters that no path from the root reaches (a
   * quick-formatted card, a deleted folder whose own entry was overwritten), as deleted entries
   * under '/$OrphanFiles/'. Default true; it reads the free space once, sequentially. FAT and exFAT so far.
   */
  orphans?: boolean;
}

export interface FileSystem {
  /** The id of the descriptor that opened it ('fat12', 'fat16', 'fat32'...). */
  readonly id: string;
  readonly label?: string;
  readonly clusterSize: number;
  /** Volume-level damage: a volume longer than its image, a FAT copy that disagrees... */
  readonly notes: readonly string[];
  /**
   * Every entry reachable from the root, live and deleted, directories before their content (then,
   * where the filesystem can and `orphans` is not false, what no path reaches, under '/$OrphanFiles/').
   */
  entries(options?: WalkOptions): Promise<FsEntry[]>;
  /** Unallocated clusters, coalesced, in source byte offsets. */
  freeRanges(options?: WalkOptions): Promise<ByteRun[]>;
  /** The system area (boot sector, FATs, fixed root) and allocated clusters, coalesced. */
  allocatedRanges(options?: WalkOptions): Promise<ByteRun[]>;
  /**
   * Optional ability (FAT so far): the ways a deleted file's content may lie, most likely first, each
   * labelled, for a caller that checks guesses against the bytes (the carve merge). `entries()` keeps
   * its one guess in byteRuns.
   */
  runCandidates?(entry: FsEntry): Promise<RunCandidate[]>;
}

/** One guess at where a file's content lies. */
export interface RunCandidate {
  /**
   * 'chain': a live file's cluster chain; 'contiguous': the clusters from the first one on, whether
   * in use now or not; 'contiguous-free': the free clusters from the first one on, skipping those in
   * use (The Sleuth Kit's heuristic).
   */
  kind: 'chain' | 'contiguous' | 'contiguous-free';
  byteRuns: ByteRun[];
  /** Clusters among them that are in use now: their bytes are likely another file's. */
  clustersInUse: number;
  notes: string[];
}

export interface OpenOptions {
  signal?: AbortSignal;
}

/** A filesystem is a descriptor in one list (see filesystems.ts). */
export interface FilesystemDescriptor {
  readonly id: string;
  readonly name: string;
  /** True when the source holds this filesystem; never throws for foreign or truncated data. */
  probe(source: ByteSource): Promise<boolean>;
  open(source: ByteSource, options?: OpenOptions): Promise<FileSystem>;
}

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
  /** ISO 8601; FAT keeps local time without a zone, read here as UTC. accessedAt is a date only. */
  createdAt?: string;
  modifiedAt?: string;
  accessedAt?: string;
  /** Where the content lies, in bytes from the start of the ByteSource the filesystem was opened on. */
  byteRuns: ByteRun[];
  confidence: RunConfidence;
  /** Damage and guesses met on the way: a broken chain, a name without its long form... */
  notes: string[];
}

export interface WalkOptions {
  signal?: AbortSignal;
}

export interface FileSystem {
  /** The id of the descriptor that opened it ('fat12', 'fat16', 'fat32'...). */
  readonly id: string;
  readonly label?: string;
  readonly clusterSize: number;
  /** Volume-level damage: a volume longer than its image, a FAT copy that disagrees... */
  readonly notes: readonly string[];
  /** Every entry reachable from the root, live and deleted, directories before their content. */
  entries(options?: WalkOptions): Promise<FsEntry[]>;
  /** Unallocated clusters, coalesced, in source byte offsets. */
  freeRanges(options?: WalkOptions): Promise<ByteRun[]>;
  /** The system area (boot sector, FATs, fixed root) and allocated clusters, coalesced. */
  allocatedRanges(options?: WalkOptions): Promise<ByteRun[]>;
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

import type { ByteSource } from '../source/byte-source.js';

/** 'none': the filesystem starts at byte 0 (a "superfloppy", as cameras often format cards). */
export type VolumeScheme = 'none' | 'mbr' | 'gpt' | 'apm';

/** What every partition table says about an entry, in the words a user would look for. */
interface PartitionBase {
  /** The number partitioning tools show: MBR 1–4 primaries and 5… logicals, GPT entry 1…, APM map entry 1…. */
  number: number;
  /** The type as the table holds it: '0x0c', a type GUID ('EBD0A0A2-…'), an APM type ('Apple_HFS'). */
  type: string;
  /** What the type means: 'W95 FAT32 (LBA)', 'Microsoft basic data', 'Apple HFS/HFS+'… or 'unknown'. */
  typeName: string;
  /** The partition's own name, where the table keeps one (GPT, APM). */
  name?: string;
  /** Where it starts and how long it is, in the table's sectors (the layout's sectorSize). */
  startSector: number;
  sectorCount: number;
}

export interface MbrPartitionInfo extends PartitionBase {
  scheme: 'mbr';
  bootable: boolean;
  /** A logical partition, found by following the extended partition's chain of EBRs. */
  logical: boolean;
}

export interface GptPartitionInfo extends PartitionBase {
  scheme: 'gpt';
  /** The unique partition GUID. */
  guid: string;
  /** The 64-bit attribute field as 16 hex digits ('0x8000000000000000' is "no drive letter"). */
  attributes: string;
}

export interface ApmPartitionInfo extends PartitionBase {
  scheme: 'apm';
  /** pmPartStatus (valid, allocated, in use, readable, writable… bits). */
  status: number;
}

export type PartitionInfo = MbrPartitionInfo | GptPartitionInfo | ApmPartitionInfo;

export interface Volume {
  /** 0-based position in the layout. */
  index: number;
  /** Byte range in the parent source. */
  offset: number;
  length: number;
  /** Reads only this volume; offsets inside it start at 0. */
  source: ByteSource;
  /** The table entry it comes from; absent when the scheme is 'none'. */
  partition?: PartitionInfo;
}

export interface VolumeLayout {
  scheme: VolumeScheme;
  /** Bytes per sector (MBR, GPT) or per block (APM) that the table counts in. */
  sectorSize: number;
  /** The MBR disk signature ('0x4146544d') or the GPT disk GUID, when the table has one. */
  diskId?: string;
  volumes: Volume[];
  /** Table entries that hold no volume: an MBR extended partition, the APM map itself, free space, drivers. */
  otherEntries: PartitionInfo[];
  /** Damage and oddities: a partition past the end, a damaged GPT header, an EBR chain that loops… */
  notes: string[];
}

/** What a table reader hands back: partitions to turn into volumes, in the table's sectors. */
export interface PartitionTable {
  scheme: Exclude<VolumeScheme, 'none'>;
  sectorSize: number;
  diskId?: string;
  partitions: PartitionInfo[];
  otherEntries: PartitionInfo[];
  notes: string[];
}

import type { FatTable } from '../fat/fat-table.js';
import type { ByteSource } from '../source/byte-source.js';
import type { AllocationBitmap } from './allocation-bitmap.js';
import type { ExfatGeometry } from './boot-sector.js';

/** What the exfat/ steps share once a volume is open. */
export interface ExfatContext {
  readonly source: ByteSource;
  readonly geometry: ExfatGeometry;
  /** fat/'s FatTable over exFAT's 32-bit FAT: chains only (allocation is the bitmap's). */
  readonly table: FatTable;
  readonly bitmap: AllocationBitmap;
  /** The up-case table as a function, when it was read and its checksum holds (for name hashes). */
  readonly upcase?: (unit: number) => number;
}

/** Limits on what the disk can make us do. */
export const EXFAT_LIMITS = {
  /** The spec allows 256 MiB directories; we read at most this much of one. */
  maxDirectoryBytes: 32 * 1024 * 1024,
  /** Directory nesting. */
  maxDepth: 128,
  maxEntries: 2_000_000,
  /** The up-case table covers at most 65536 UTF-16 units. */
  maxUpcaseBytes: 65536 * 2,
  /** Free clusters that look like a directory's, kept by the orphan scan. */
  maxOrphanClusters: 100_000,
  /** Bytes of orphan directories read back, in all (the scan itself reads the free space once). */
  maxOrphanDirectoryBytes: 256 * 1024 * 1024,
  /** Clusters listed by number in a note before "and N more". */
  listedClusters: 8,
} as const;

/** "cluster 5 is" / "clusters 5, 7–9, 12 are" for a note; at most EXFAT_LIMITS.listedClusters ranges, then a count. */
export function describeClusters(clusters: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < clusters.length; ) {
    let j = i;
    while (j + 1 < clusters.length && clusters[j + 1] === (clusters[j] as number) + 1) j++;
    ranges.push(i === j ? `${clusters[i]}` : `${clusters[i]}–${clusters[j]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, EXFAT_LIMITS.listedClusters).join(', ');
  if (clusters.length === 1) return `cluster ${shown} is`;
  const more = ranges.length > EXFAT_LIMITS.listedClusters ? ` and ${ranges.length - EXFAT_LIMITS.listedClusters} more ranges` : '';
  return `clusters ${shown}${more} are`;
}

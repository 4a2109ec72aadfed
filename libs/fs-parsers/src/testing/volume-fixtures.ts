/**
 * Test helpers for the volume-system fixtures built by tools/fixtures/build-volume-fixtures.sh: the
 * manifests (the partitioning tools' own view of each image) and the unpacked images.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openFileSource } from '../lib/source/file-source.js';
import { openVolumes } from '../lib/volumes/open-volumes.js';
import type { PartitionInfo, VolumeLayout } from '../lib/volumes/volume-types.js';

export const VOLUME_FIXTURES = ['mbr-extended', 'gpt', 'gpt-4k', 'gpt-backup', 'apm-hybrid'] as const;
export type VolumeFixtureName = (typeof VOLUME_FIXTURES)[number];

export interface ManifestPartition {
  number: number;
  startSector: number;
  sectorCount: number;
  type: string;
  name?: string;
  bootable?: boolean;
  logical?: boolean;
  guid?: string;
  attributes?: string;
  /** False for entries that hold no volume (an extended partition, the APM map). */
  volume: boolean;
  /** The filesystem made in it, its label and the files written into it. */
  filesystem?: string;
  label?: string;
  files?: { path: string; size: number; sha256: string }[];
}

export interface VolumeManifest {
  image: string;
  size: number;
  scheme: 'mbr' | 'gpt' | 'apm';
  sectorSize: number;
  diskId?: string;
  damage?: string;
  partitions: ManifestPartition[];
}

export const VOLUME_FIXTURE_DIR = resolve(import.meta.dirname, '../../../../fixtures/volumes');

export function loadVolumeManifest(name: VolumeFixtureName): VolumeManifest {
  return JSON.parse(readFileSync(join(VOLUME_FIXTURE_DIR, `${name}.json`), 'utf8')) as VolumeManifest;
}

export function volumeFixtureImage(name: VolumeFixtureName): Buffer {
  return gunzipSync(readFileSync(join(VOLUME_FIXTURE_DIR, `${name}.img.gz`)));
}

/**
 * Patches a copy of a fixture (in `write`'s temp directory), opens it as a user's image file and
 * returns its layout and how many milliseconds openVolumes took.
 */
export async function openPatchedVolumes(
  name: VolumeFixtureName,
  write: (name: string, bytes: Uint8Array) => string,
  patch: (image: Buffer) => Buffer | void,
): Promise<{ layout: VolumeLayout; ms: number }> {
  const image = volumeFixtureImage(name);
  const source = await openFileSource(write(`${name}-patched.img`, patch(image) ?? image));
  try {
    const started = performance.now();
    const layout = await openVolumes(source);
    return { layout, ms: performance.now() - started };
  } finally {
    await source.close();
  }
}

/** One table entry in the manifest's words (what the table says, not what was put inside). */
function entryAsManifest(p: PartitionInfo, volume: boolean): ManifestPartition {
  const common = { number: p.number, startSector: p.startSector, sectorCount: p.sectorCount, type: p.type };
  const name = p.name === undefined ? {} : { name: p.name };
  if (p.scheme === 'mbr') return { ...common, bootable: p.bootable, logical: p.logical, volume };
  if (p.scheme === 'gpt') return { ...common, ...name, guid: p.guid, attributes: p.attributes, volume };
  return { ...common, ...name, volume };
}

/** A layout in the manifest's shape: every entry, volume or not, by number. */
export function layoutAsManifest(layout: VolumeLayout): Pick<VolumeManifest, 'scheme' | 'sectorSize' | 'diskId' | 'partitions'> {
  const entries = [
    ...layout.volumes.flatMap((v) => (v.partition ? [entryAsManifest(v.partition, true)] : [])),
    ...layout.otherEntries.map((p) => entryAsManifest(p, false)),
  ].sort((a, b) => a.number - b.number);
  return { scheme: layout.scheme as VolumeManifest['scheme'], sectorSize: layout.sectorSize, ...(layout.diskId ? { diskId: layout.diskId } : {}), partitions: entries };
}

/** The manifest without what the fixture script put inside the partitions. */
export function manifestTable(manifest: VolumeManifest): ReturnType<typeof layoutAsManifest> {
  const partitions = manifest.partitions.map(({ filesystem: _f, label: _l, files: _files, ...entry }) => entry);
  return { scheme: manifest.scheme, sectorSize: manifest.sectorSize, ...(manifest.diskId ? { diskId: manifest.diskId } : {}), partitions };
}

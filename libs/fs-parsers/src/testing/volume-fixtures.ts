/**
 * Test helpers for the volume-system fixtures built by tools/fixtures/build-volume-fixtures.sh: the
 * manifests (the partitioning tools' own view of each image), the unpacked images, patched copies
 * for the hostile specs, and a parsed layout in the manifest's shape.
 */
import { afterAll, expect } from 'vitest';
import { openFileSource } from '../lib/source/file-source.js';
import { openVolumes } from '../lib/volumes/open-volumes.js';
import type { PartitionInfo, VolumeLayout } from '../lib/volumes/volume-types.js';
import { fixtureFiles, scratch } from './fixture-files.js';

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

const volumeFiles = fixtureFiles('volumes');

export const loadVolumeManifest = (name: VolumeFixtureName): VolumeManifest => volumeFiles.manifest(name);

export const volumeFixtureImage = (name: VolumeFixtureName): Buffer => volumeFiles.image(name);

/** A patched fixture copy opened as a user's image: `patch` edits the image in place or returns a new one. */
export type PatchedLayout = (name: VolumeFixtureName, patch: (image: Buffer) => Buffer | void) => Promise<VolumeLayout>;

/**
 * For the hostile specs: opens patched copies (in a temp directory removed after the spec file) and
 * expects openVolumes to answer each in under 2 s.
 */
export function patchedLayouts(): PatchedLayout {
  const temp = scratch();
  afterAll(() => temp.cleanup());
  return async (name, patch) => {
    const image = volumeFixtureImage(name);
    const source = await openFileSource(temp.write(`${name}-patched.img`, patch(image) ?? image));
    try {
      const started = performance.now();
      const layout = await openVolumes(source);
      expect(performance.now() - started).toBeLessThan(15_000);
      return layout;
    } finally {
      await source.close();
    }
  };
}

/** The partition numbers of a layout's volumes, and its notes as one text: what hostile specs check. */
export const volumeNumbers = (layout: VolumeLayout) => layout.volumes.map((v) => v.partition?.number);
export const layoutNotes = (layout: VolumeLayout) => layout.notes.join('\n');

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

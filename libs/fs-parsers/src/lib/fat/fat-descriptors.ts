import type { FilesystemDescriptor } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import { parseFatBootSector } from './boot-sector.js';
import { openFat } from './fat-filesystem.js';
import { FAT12, FAT16, FAT32, type FatVariant } from './variants.js';

function fatDescriptor(variant: FatVariant): FilesystemDescriptor {
  return {
    id: variant.id,
    name: variant.name,
    async probe(source: ByteSource): Promise<boolean> {
      if (source.size < 512) return false;
      try {
        return parseFatBootSector(await source.read(0, 512)).fatType === variant.id;
      } catch {
        return false;
      }
    },
    open: (source, options) => openFat(source, variant, options),
  };
}

export const fat12: FilesystemDescriptor = fatDescriptor(FAT12);
export const fat16: FilesystemDescriptor = fatDescriptor(FAT16);
export const fat32: FilesystemDescriptor = fatDescriptor(FAT32);

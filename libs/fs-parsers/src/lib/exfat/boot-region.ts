import { CorruptError, TruncatedError } from '../errors.js';
import type { ByteSource } from '../source/byte-source.js';
import { EXFAT_NAME, type ExfatGeometry, parseExfatBootSector } from './boot-sector.js';
import { bootRegionChecksum } from './checksums.js';

/** A boot region is 12 sectors: boot sector, 8 extended boot sectors, OEM, reserved, checksum. */
const REGION_SECTORS = 12;

interface Region {
  geometry?: ExfatGeometry;
  /** Why the region cannot be used, or why it is doubtful (a checksum mismatch). */
  problem?: string;
  checksumOk: boolean;
}

export interface BootRegion {
  geometry: ExfatGeometry;
  which: 'main' | 'backup';
  notes: string[];
}

/**
 * Reads the main boot region (sectors 0–11) and the backup (12–23), verifies each one's checksum
 * (sector 11) and picks the main one unless it is damaged and the backup is sound. Throws the main
 * region's error when neither can be parsed.
 */
export async function readBootRegion(source: ByteSource): Promise<BootRegion> {
  if (source.size < 512) throw new TruncatedError(`${source.label} holds ${source.size} bytes, less than a boot sector`);
  const main = await readRegion(source, 0, await source.read(0, 512));
  const backup = await readBackup(source, main.geometry?.bytesPerSector);
  const backupNote = `backup boot region: ${backup.problem ?? 'unreadable'}`;
  if (main.geometry && main.checksumOk) {
    return { geometry: main.geometry, which: 'main', notes: backup.checksumOk ? [] : [backupNote] };
  }
  const notes = [`main boot region: ${main.problem ?? 'unreadable'}`];
  if (backup.geometry && backup.checksumOk) {
    return { geometry: backup.geometry, which: 'backup', notes: [...notes, 'using the backup boot region (sectors 12–23)'] };
  }
  if (main.geometry) return { geometry: main.geometry, which: 'main', notes: [...notes, backupNote] };
  if (backup.geometry) return { geometry: backup.geometry, which: 'backup', notes: [...notes, backupNote] };
  throw new CorruptError(main.problem ?? 'no exFAT boot sector');
}

/**
 * True when the source holds an exFAT boot sector, or a damaged one (still starting with exFAT's
 * jump EB 76 90 or naming "EXFAT   ") whose backup at sector 12 is sound. A main sector with no
 * exFAT trace at all is not looked behind: a card reformatted as FAT32 or HFS+ may keep a stale
 * exFAT backup there, and two matching probes would be an error. open() itself always tries the
 * backup. Never throws.
 */
export async function probeExfat(source: ByteSource): Promise<boolean> {
  try {
    if (source.size < 512) return false;
    const first = await source.read(0, 512);
    if (tryParse(first)) return true;
    const trace = (first[0] === 0xeb && first[1] === 0x76 && first[2] === 0x90) || first.toString('latin1', 3, 11) === EXFAT_NAME;
    return trace && (await readBackup(source, undefined)).geometry !== undefined;
  } catch {
    return false;
  }
}

/** The backup at sector 12; with the sector size unknown, each size whose backup agrees with it. */
async function readBackup(source: ByteSource, bytesPerSector: number | undefined): Promise<Region> {
  const sizes = bytesPerSector ? [bytesPerSector] : [512, 1024, 2048, 4096];
  let last: Region = { problem: 'no exFAT boot sector at sector 12', checksumOk: false };
  for (const size of sizes) {
    const at = REGION_SECTORS * size;
    if (at + 512 > source.size) break;
    const sector = await source.read(at, 512);
    const geometry = tryParse(sector);
    if (!geometry || geometry.bytesPerSector !== size) continue;
    last = await readRegion(source, at, sector);
    if (last.geometry) return last;
  }
  return last;
}

async function readRegion(source: ByteSource, at: number, sector: Buffer): Promise<Region> {
  let geometry: ExfatGeometry;
  try {
    geometry = parseExfatBootSector(sector);
  } catch (error) {
    return { problem: (error as Error).message, checksumOk: false };
  }
  const size = geometry.bytesPerSector;
  const region = await source.read(at, REGION_SECTORS * size);
  if (region.length < REGION_SECTORS * size) {
    return { geometry, problem: `the source ends inside the boot region at byte ${at}`, checksumOk: false };
  }
  const sum = bootRegionChecksum(region.subarray(0, 11 * size));
  for (let i = 11 * size; i < REGION_SECTORS * size; i += 4) {
    const stored = region.readUInt32LE(i);
    if (stored !== sum) {
      const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
      return { geometry, problem: `checksum ${hex(sum)} does not match the stored ${hex(stored)}`, checksumOk: false };
    }
  }
  return { geometry, checksumOk: true };
}

function tryParse(sector: Buffer): ExfatGeometry | undefined {
  try {
    return parseExfatBootSector(sector);
  } catch {
    return undefined;
  }
}

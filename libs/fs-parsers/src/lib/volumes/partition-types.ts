/**
 * Human names for partition types, as data. MBR bytes and GPT GUIDs follow the names util-linux's
 * fdisk prints (`sfdisk --list-types`); APM types are Apple's strings (Inside Macintosh: Devices).
 */
const MBR_TYPES: Readonly<Record<number, string>> = {
  0x01: 'FAT12',
  0x04: 'FAT16 <32M',
  0x05: 'Extended',
  0x06: 'FAT16',
  0x07: 'HPFS/NTFS/exFAT',
  0x0b: 'W95 FAT32',
  0x0c: 'W95 FAT32 (LBA)',
  0x0e: 'W95 FAT16 (LBA)',
  0x0f: "W95 Ext'd (LBA)",
  0x11: 'Hidden FAT12',
  0x14: 'Hidden FAT16 <32M',
  0x16: 'Hidden FAT16',
  0x17: 'Hidden HPFS/NTFS',
  0x1b: 'Hidden W95 FAT32',
  0x1c: 'Hidden W95 FAT32 (LBA)',
  0x1e: 'Hidden W95 FAT16 (LBA)',
  0x27: 'Hidden NTFS WinRE',
  0x82: 'Linux swap / Solaris',
  0x83: 'Linux',
  0x85: 'Linux extended',
  0x8e: 'Linux LVM',
  0xa5: 'FreeBSD',
  0xa8: 'Darwin UFS',
  0xab: 'Darwin boot',
  0xaf: 'HFS / HFS+',
  0xee: 'GPT',
  0xef: 'EFI (FAT-12/16/32)',
  0xfd: 'Linux raid autodetect',
};

const GPT_TYPES: Readonly<Record<string, string>> = {
  'C12A7328-F81F-11D2-BA4B-00A0C93EC93B': 'EFI System',
  '21686148-6449-6E6F-744E-656564454649': 'BIOS boot',
  'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7': 'Microsoft basic data',
  'E3C9E316-0B5C-4DB8-817D-F92DF00215AE': 'Microsoft reserved',
  'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC': 'Windows recovery environment',
  '48465300-0000-11AA-AA11-00306543ECAC': 'Apple HFS/HFS+',
  '7C3457EF-0000-11AA-AA11-00306543ECAC': 'Apple APFS',
  '426F6F74-0000-11AA-AA11-00306543ECAC': 'Apple boot',
  '53746F72-6167-11AA-AA11-00306543ECAC': 'Apple Core storage',
  '0FC63DAF-8483-4772-8E79-3D69D8477DE4': 'Linux filesystem',
  '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F': 'Linux swap',
  'E6D6D379-F507-44C2-A23C-238F2A3DF928': 'Linux LVM',
  'A19D880F-05FC-4D3B-A006-743F0F84911E': 'Linux RAID',
};

const APM_TYPES: Readonly<Record<string, string>> = {
  Apple_HFS: 'Apple HFS/HFS+',
  Apple_HFSX: 'Apple HFSX (case-sensitive HFS+)',
  Apple_APFS: 'Apple APFS',
  Apple_Boot: 'Apple boot',
  Apple_Bootstrap: 'Apple bootstrap',
  Apple_UNIX_SVR2: 'Unix (A/UX, Linux)',
  Apple_partition_map: 'partition map',
  Apple_Free: 'free space',
  Apple_Void: 'void',
  Apple_Scratch: 'scratch',
  Apple_Patches: 'patches',
  ISO9660_data: 'ISO 9660 data',
  DOS_FAT_12: 'FAT12',
  DOS_FAT_16: 'FAT16',
  DOS_FAT_32: 'FAT32',
  Windows_FAT_32: 'FAT32',
};

export const hexByte = (type: number): string => `0x${type.toString(16).padStart(2, '0')}`;

export function mbrTypeName(type: number): string {
  return MBR_TYPES[type] ?? `unknown (${hexByte(type)})`;
}

export function gptTypeName(typeGuid: string): string {
  return GPT_TYPES[typeGuid.toUpperCase()] ?? 'unknown';
}

export function apmTypeName(type: string): string {
  if (/^Apple_(FW)?Driver/.test(type)) return 'driver';
  return APM_TYPES[type] ?? 'unknown';
}

/** APM entries that describe the disk itself rather than hold a volume: the map, free space, drivers. */
export function isApmVolume(type: string): boolean {
  return !['Apple_partition_map', 'Apple_Free', 'Apple_Void', 'Apple_Scratch', 'Apple_Patches'].includes(type) && apmTypeName(type) !== 'driver';
}

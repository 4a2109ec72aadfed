import { type Device, PLUGGABLE_TRANSPORTS, type Transport, cleanText, toTransport } from '../device.js';
import { OutputFormatError } from '../errors.js';

/** What Get-Disk, Get-Partition and Get-Volume printed through ConvertTo-Json: text or parsed. */
export interface WindowsStorageJson {
  disks: unknown;
  partitions?: unknown;
  volumes?: unknown;
}

type Row = Record<string, unknown>;

/** MSFT_Disk.BusType as a number (Windows PowerShell's ConvertTo-Json of a CIM enum), per STORAGE_BUS_TYPE. */
const BUS_TYPES: (Transport | undefined)[] = [
  undefined, 'scsi', 'ata', 'ata', 'firewire', 'scsi', 'network', 'usb', 'raid', 'network', 'sas', 'sata', 'sd', 'mmc',
  'virtual', 'disk-image', 'virtual', 'nvme', 'other', 'other', 'network',
];

/**
 * ConvertTo-Json prints one object for a single item, an array for several, nothing for none; this
 * turns any of those (as text or parsed) into a list of rows.
 */
export function jsonRows(value: unknown, what: string): Row[] {
  let parsed = value;
  if (typeof value === 'string') {
    const text = value.replace(/^\uFEFF/, '').trim();
    if (text === '') return [];
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new OutputFormatError(`${what} printed something that is not JSON: ${(cause as Error).message}`, { cause });
    }
  }
  if (parsed === null || parsed === undefined) return [];
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (!list.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
    throw new OutputFormatError(`${what} is not a list of objects`);
  }
  return list as Row[];
}

const count = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};
const yes = (value: unknown) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true');

function busType(value: unknown): Transport | undefined {
  const n = count(value);
  return n !== undefined ? BUS_TYPES[n] : toTransport(cleanText(value)?.replace(/^storage spaces$/i, 'spaces'));
}

/** A drive letter as ConvertTo-Json prints a [char]: "E", "\u0000" for none, or its code from some versions. */
function driveLetter(value: unknown): string | undefined {
  const letter = typeof value === 'number' ? String.fromCharCode(value) : typeof value === 'string' ? value : '';
  return /^[A-Za-z]$/.test(letter) ? letter.toUpperCase() : undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

function volumeOf(part: Row, volumes: Row[]): Row | undefined {
  const paths = strings(part['AccessPaths']);
  const letter = driveLetter(part['DriveLetter']);
  return volumes.find((v) => (typeof v['Path'] === 'string' && paths.includes(v['Path'])) || (letter && driveLetter(v['DriveLetter']) === letter));
}

function toPartition(part: Row, disk: Device, volumes: Row[]): Device {
  const number = count(part['PartitionNumber']) ?? 0;
  const letter = driveLetter(part['DriveLetter']);
  const folders = strings(part['AccessPaths']).filter((p) => !p.startsWith('\\\\?\\'));
  const mountpoints = folders.length > 0 ? folders : letter ? [`${letter}:\\`] : [];
  const volume = volumeOf(part, volumes);
  const said = cleanText(volume?.['FileSystem']) ?? cleanText(volume?.['FileSystemType']);
  const type = said?.toLowerCase() === 'unknown' ? undefined : said;
  const label = cleanText(volume?.['FileSystemLabel']);
  const diskNumber = disk.id.replace('PhysicalDrive', '');
  return {
    id: `Harddisk${diskNumber}Partition${number}`,
    path: `\\\\?\\GLOBALROOT\\Device\\Harddisk${diskNumber}\\Partition${number}`,
    kind: 'partition',
    parent: disk.id,
    sizeBytes: count(part['Size']) ?? 0,
    sectorSize: disk.sectorSize,
    removable: disk.removable,
    ...(disk.transport && { transport: disk.transport }),
    readOnly: disk.readOnly || yes(part['IsReadOnly']),
    mountpoints,
    ...((type || label) && { filesystem: { ...(type && { type }), ...(label && { label }) } }),
    isSystem: yes(part['IsBoot']) || yes(part['IsSystem']),
    partitions: [],
  };
}

/**
 * Disks (\\.\PHYSICALDRIVEn) with their partitions from Get-Disk, Get-Partition and Get-Volume. The
 * system disk is the one Windows calls boot or system, or that holds such a partition.
 */
export function parseWindowsStorage(json: WindowsStorageJson): Device[] {
  const partitions = jsonRows(json.partitions, 'Get-Partition');
  const volumes = jsonRows(json.volumes, 'Get-Volume');
  return jsonRows(json.disks, 'Get-Disk').flatMap((row): Device[] => {
    const number = count(row['Number']) ?? count(row['DiskNumber']);
    if (number === undefined) return [];
    const transport = busType(row['BusType']);
    const model = cleanText(row['Model']) ?? cleanText(row['FriendlyName']);
    const vendor = cleanText(row['Manufacturer']);
    const serial = cleanText(row['SerialNumber'])?.replace(/\.+$/, '');
    const disk: Device = {
      id: `PhysicalDrive${number}`,
      path: `\\\\.\\PHYSICALDRIVE${number}`,
      kind: 'disk',
      ...(model && { model }),
      ...(vendor && { vendor }),
      ...(serial && { serial }),
      sizeBytes: count(row['Size']) ?? 0,
      sectorSize: count(row['LogicalSectorSize']) ?? 512,
      removable: transport !== undefined && PLUGGABLE_TRANSPORTS.has(transport),
      ...(transport && { transport }),
      readOnly: yes(row['IsReadOnly']),
      mountpoints: [],
      isSystem: yes(row['IsBoot']) || yes(row['IsSystem']),
      partitions: [],
    };
    disk.partitions = partitions
      .filter((p) => count(p['DiskNumber']) === number)
      .sort((a, b) => (count(a['PartitionNumber']) ?? 0) - (count(b['PartitionNumber']) ?? 0))
      .map((p) => toPartition(p, disk, volumes));
    disk.isSystem ||= disk.partitions.some((p) => p.isSystem);
    return [disk];
  });
}

import { type Device, SYSTEM_MOUNTPOINTS, cleanText, toTransport } from '../device.js';
import { OutputFormatError } from '../errors.js';
import { type PlistDict, type PlistValue, asDict, parsePlist } from './plist.js';

/** Each `diskutil info -plist <id>` output by identifier (text or parsed); missing ones are allowed. */
export type DiskutilInfos = Record<string, string | PlistValue>;

const str = (dict: PlistDict | undefined, key: string) => cleanText(dict?.[key]);
const num = (dict: PlistDict | undefined, key: string) => {
  const value = dict?.[key];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
};
const bool = (dict: PlistDict | undefined, key: string) => (typeof dict?.[key] === 'boolean' ? (dict[key] as boolean) : undefined);
const dicts = (value: PlistValue | undefined): PlistDict[] =>
  Array.isArray(value) ? value.map(asDict).filter((d): d is PlistDict => d !== undefined) : [];
const IDENTIFIER = /^disk\d+(s\d+)*$/;

function toDict(text: string | PlistValue, what: string): PlistDict {
  const dict = asDict(typeof text === 'string' ? parsePlist(text) : text);
  if (!dict) throw new OutputFormatError(`${what} is not a dictionary`);
  return dict;
}

/** An APFS container is synthesized from a partition (its physical store); its volumes are mounted. */
const isContainer = (entry: PlistDict) => 'APFSVolumes' in entry || str(entry, 'Content') === 'Apple_APFS_Container';

/** Mount points and name of the volumes of each APFS container, keyed by the physical store's identifier. */
function apfsStores(entries: PlistDict[]): Map<string, { mounts: string[]; label?: string }> {
  const stores = new Map<string, { mounts: string[]; label?: string }>();
  for (const container of entries.filter(isContainer)) {
    const volumes = dicts(container['APFSVolumes']);
    const mounts = volumes.flatMap((v) => [
      ...(str(v, 'MountPoint') ? [str(v, 'MountPoint') as string] : []),
      ...dicts(v['MountedSnapshots']).flatMap((s) => (str(s, 'SnapshotMountPoint') ? [str(s, 'SnapshotMountPoint') as string] : [])),
    ]);
    const label = str(volumes[0], 'VolumeName');
    for (const store of dicts(container['APFSPhysicalStores'])) {
      const id = str(store, 'DeviceIdentifier') ?? str(store, 'APFSPhysicalStore');
      if (id) stores.set(id, { mounts, ...(label && { label }) });
    }
  }
  return stores;
}

/** The identifiers whose `diskutil info -plist` the parser uses: whole disks and their partitions. */
export function diskutilIdentifiers(list: string | PlistValue): string[] {
  const entries = dicts(toDict(list, 'diskutil list -plist')['AllDisksAndPartitions']).filter((e) => !isContainer(e));
  return entries
    .flatMap((entry) => [str(entry, 'DeviceIdentifier'), ...dicts(entry['Partitions']).map((p) => str(p, 'DeviceIdentifier'))])
    .filter((id): id is string => id !== undefined && IDENTIFIER.test(id));
}

function filesystemOf(type?: string, label?: string, uuid?: string): Device['filesystem'] {
  return type || label || uuid ? { ...(type && { type }), ...(label && { label }), ...(uuid && { uuid }) } : undefined;
}

/**
 * Disks and partitions from `diskutil list -plist` and `diskutil info -plist` of each identifier.
 * APFS containers are not listed as disks: their volumes' mount points show on the partition that
 * stores them, which is how the internal disk is found to be the system disk.
 */
export function parseDiskutil(list: string | PlistValue, infos: DiskutilInfos = {}): Device[] {
  const entries = dicts(toDict(list, 'diskutil list -plist')['AllDisksAndPartitions']);
  const stores = apfsStores(entries);
  const info = (id: string) => (infos[id] === undefined ? undefined : toDict(infos[id] as string | PlistValue, `diskutil info ${id}`));
  const devices: Device[] = [];
  for (const entry of entries.filter((e) => !isContainer(e))) {
    const id = str(entry, 'DeviceIdentifier');
    if (!id || !IDENTIFIER.test(id)) continue;
    const about = info(id);
    const transport = toTransport(str(about, 'BusProtocol'));
    const external = bool(about, 'RemovableMediaOrExternalDevice') || bool(about, 'Removable') || bool(about, 'RemovableMedia') || bool(about, 'Internal') === false;
    const model = str(about, 'MediaName') ?? str(about, 'IORegistryEntryName')?.replace(/ Media$/, '');
    const mounts = str(entry, 'MountPoint') ? [str(entry, 'MountPoint') as string] : [];
    const disk: Device = {
      id,
      path: str(about, 'DeviceNode') ?? `/dev/${id}`,
      kind: 'disk',
      ...(model && { model }),
      sizeBytes: num(about, 'TotalSize') ?? num(about, 'Size') ?? num(entry, 'Size') ?? 0,
      sectorSize: num(about, 'DeviceBlockSize') ?? 512,
      removable: Boolean(external) && transport !== 'disk-image',
      ...(transport && { transport }),
      readOnly: bool(about, 'WritableMedia') === false,
      mountpoints: mounts,
      ...(filesystemOf(str(about, 'FilesystemType'), str(entry, 'VolumeName'), str(entry, 'VolumeUUID')) && {
        filesystem: filesystemOf(str(about, 'FilesystemType'), str(entry, 'VolumeName'), str(entry, 'VolumeUUID')),
      }),
      isSystem: false,
      partitions: [],
    };
    disk.partitions = dicts(entry['Partitions']).flatMap((part): Device[] => {
      const partId = str(part, 'DeviceIdentifier');
      if (!partId || !IDENTIFIER.test(partId)) return [];
      const partInfo = info(partId);
      const store = stores.get(partId);
      const mountpoints = store?.mounts ?? (str(part, 'MountPoint') ? [str(part, 'MountPoint') as string] : []);
      const type = str(partInfo, 'FilesystemType') ?? (store ? 'apfs' : undefined);
      const filesystem = filesystemOf(type, str(part, 'VolumeName') ?? store?.label ?? str(partInfo, 'VolumeName'), str(part, 'VolumeUUID'));
      return [{
        id: partId,
        path: str(partInfo, 'DeviceNode') ?? `/dev/${partId}`,
        kind: 'partition',
        parent: id,
        sizeBytes: num(part, 'Size') ?? num(partInfo, 'TotalSize') ?? 0,
        sectorSize: disk.sectorSize,
        removable: disk.removable,
        ...(transport && { transport }),
        readOnly: disk.readOnly || bool(partInfo, 'WritableMedia') === false,
        mountpoints,
        ...(filesystem && { filesystem }),
        isSystem: mountpoints.some((m) => SYSTEM_MOUNTPOINTS.has(m)),
        partitions: [],
      }];
    });
    disk.isSystem = mounts.some((m) => SYSTEM_MOUNTPOINTS.has(m)) || disk.partitions.some((p) => p.isSystem);
    devices.push(disk);
  }
  return devices;
}

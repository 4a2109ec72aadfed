/**
 * Where bytes can come from: the disks and partitions of this computer (listDevices), image files
 * and split sets (describeImage / openImage), and folders of files (describeFolder). Everything
 * returned is plain JSON; sources are only ever opened read-only.
 */
export type { Device, Transport } from './device.js';
export { TRANSPORTS, SYSTEM_MOUNTPOINTS, sortForDisplay } from './device.js';

export { listDevices, flattenDevices, findDevice } from './list-devices.js';
export type { ListDevicesOptions } from './list-devices.js';
export { runCommand } from './run-command.js';
export type { RunCommand, RunOptions, RunResult } from './run-command.js';

export { DeviceError, CommandError, OutputFormatError, toServiceError } from './errors.js';
export type { DeviceErrorCode } from './errors.js';

export { parseLsblk } from './linux/parse-lsblk.js';
export { listLinuxDevices } from './linux/list-linux.js';
export { readSysBlock } from './linux/sysfs.js';
export { parsePlist } from './macos/plist.js';
export type { PlistValue, PlistDict } from './macos/plist.js';
export { parseDiskutil, diskutilIdentifiers } from './macos/parse-diskutil.js';
export { listMacosDevices } from './macos/list-macos.js';
export { parseWindowsStorage } from './windows/parse-storage.js';
export type { WindowsStorageJson } from './windows/parse-storage.js';
export { listWindowsDevices } from './windows/list-windows.js';

export { describeImage, openImage } from './images/describe-image.js';
export type { ImageDescription } from './images/describe-image.js';
export { parseSplitName, findSplitSet } from './images/split-names.js';

export { describeFolder } from './folders/describe-folder.js';
export type { DescribeFolderOptions, FolderDescription } from './folders/describe-folder.js';
export { MEDIA_EXTENSIONS } from './folders/media-extensions.js';
export type { MediaKind } from './folders/media-extensions.js';

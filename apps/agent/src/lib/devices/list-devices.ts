import { type Device, sortForDisplay } from './device.js';
import { DeviceError } from './errors.js';
import { listLinuxDevices } from './linux/list-linux.js';
import { listMacosDevices } from './macos/list-macos.js';
import { type RunCommand, type RunOptions } from './run-command.js';
import { listWindowsDevices } from './windows/list-windows.js';

export interface ListDevicesOptions extends RunOptions {
  /** Which OS's tools to ask (default: this one's). */
  platform?: NodeJS.Platform;
  /** How commands are run (default: execFile without a shell, with the timeout). */
  run?: RunCommand;
  /** Linux only: where sysfs is mounted. */
  sysRoot?: string;
}

/**
 * The disks (with their partitions) this computer can read from, removable ones first, the system
 * disk last. Linux: lsblk + /sys; macOS: diskutil; Windows: PowerShell's Storage cmdlets. A missing,
 * failing or hanging command is a CommandError whose message says what the command said.
 */
export async function listDevices(options: ListDevicesOptions = {}): Promise<Device[]> {
  const { platform = process.platform, ...rest } = options;
  const devices = await (async () => {
    switch (platform) {
      case 'linux':
        return listLinuxDevices(rest);
      case 'darwin':
        return listMacosDevices(rest);
      case 'win32':
        return listWindowsDevices(rest);
      default:
        throw new DeviceError('UNSUPPORTED', `Afterimage cannot list the disks of ${platform} yet; open a disk image file instead.`);
    }
  })();
  return sortForDisplay(devices);
}

/** Every disk and partition in one list, disks before their partitions. */
export function flattenDevices(devices: readonly Device[]): Device[] {
  return devices.flatMap((disk) => [disk, ...disk.partitions]);
}

/** A device by its id or its path, among disks and partitions. */
export function findDevice(devices: readonly Device[], idOrPath: string): Device | undefined {
  return flattenDevices(devices).find((d) => d.id === idOrPath || d.path === idOrPath);
}

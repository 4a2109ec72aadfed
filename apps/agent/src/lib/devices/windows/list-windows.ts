import type { Device } from '../device.js';
import { OutputFormatError } from '../errors.js';
import { type RunCommand, type RunOptions, runCommand } from '../run-command.js';
import { parseWindowsStorage } from './parse-storage.js';

/**
 * One PowerShell run printing {disks, partitions, volumes} as JSON. Properties are selected so the
 * CIM noise (CimClass, CimInstanceProperties…) stays out; @() keeps each a list even when there is
 * one item. Partitions and volumes Windows cannot read are skipped rather than failing the listing.
 */
export const STORAGE_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  '$disks = @(Get-Disk | Select-Object Number, FriendlyName, Model, Manufacturer, SerialNumber, Size, LogicalSectorSize, PhysicalSectorSize, BusType, IsBoot, IsSystem, IsReadOnly, IsOffline, PartitionStyle, Location)',
  '$partitions = @(Get-Partition -ErrorAction SilentlyContinue | Select-Object DiskNumber, PartitionNumber, DriveLetter, Offset, Size, Type, GptType, MbrType, IsBoot, IsSystem, IsActive, IsReadOnly, IsHidden, AccessPaths)',
  '$volumes = @(Get-Volume -ErrorAction SilentlyContinue | Select-Object DriveLetter, FileSystemLabel, FileSystem, DriveType, Size, SizeRemaining, Path)',
  'ConvertTo-Json -InputObject @{ disks = $disks; partitions = $partitions; volumes = $volumes } -Depth 4 -Compress',
].join('\n');

/** The arguments to powershell.exe: the script as -EncodedCommand (UTF-16LE base64), so no quoting can break it. */
export function powershellArgs(script = STORAGE_SCRIPT): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

export interface WindowsListOptions extends RunOptions {
  run?: RunCommand;
}

/** Disks and partitions of this Windows machine from the Storage module's cmdlets. */
export async function listWindowsDevices(options: WindowsListOptions = {}): Promise<Device[]> {
  const { run = runCommand, ...runOptions } = options;
  const { stdout } = await run('powershell.exe', powershellArgs(), runOptions);
  let combined: unknown;
  try {
    combined = JSON.parse(stdout.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new OutputFormatError(`PowerShell printed something that is not JSON: ${stdout.trim().slice(0, 200)}`, { cause });
  }
  if (combined === null || typeof combined !== 'object' || !('disks' in combined)) {
    throw new OutputFormatError('PowerShell printed JSON without the list of disks');
  }
  const { disks, partitions, volumes } = combined as { disks: unknown; partitions?: unknown; volumes?: unknown };
  return parseWindowsStorage({ disks, partitions, volumes });
}

import type { Device } from '../device.js';
import { CommandError } from '../errors.js';
import { type RunCommand, type RunOptions, runCommand } from '../run-command.js';
import { type DiskutilInfos, diskutilIdentifiers, parseDiskutil } from './parse-diskutil.js';

/** One `diskutil info` per disk and partition; more than this many identifiers is not a real Mac's list. */
const MAX_INFO_CALLS = 128;

export interface MacosListOptions extends RunOptions {
  run?: RunCommand;
}

/**
 * Disks and partitions of this Mac: `diskutil list -plist`, then `diskutil info -plist` of each disk
 * and partition (bus, removable, model, block size, filesystem). A disk that vanished between the
 * two calls (its info fails) is still listed with what the list said.
 */
export async function listMacosDevices(options: MacosListOptions = {}): Promise<Device[]> {
  const { run = runCommand, ...runOptions } = options;
  const list = (await run('diskutil', ['list', '-plist'], runOptions)).stdout;
  const infos: DiskutilInfos = {};
  for (const id of diskutilIdentifiers(list).slice(0, MAX_INFO_CALLS)) {
    try {
      infos[id] = (await run('diskutil', ['info', '-plist', id], runOptions)).stdout;
    } catch (error) {
      if (!(error instanceof CommandError && error.code === 'COMMAND_FAILED')) throw error;
    }
  }
  return parseDiskutil(list, infos);
}

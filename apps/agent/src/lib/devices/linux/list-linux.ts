import type { Device } from '../device.js';
import { CommandError } from '../errors.js';
import { type RunCommand, type RunOptions, runCommand } from '../run-command.js';
import { parseLsblk } from './parse-lsblk.js';
import { withSysfsFacts } from './sysfs.js';

export const LSBLK_ARGS = ['--json', '--bytes', '--output-all'] as const;
/** For an lsblk older than --output-all (util-linux < 2.29): the columns such versions know. */
export const LSBLK_BASIC_ARGS = [
  '--json', '--bytes', '--output', 'NAME,KNAME,TYPE,SIZE,MODEL,VENDOR,SERIAL,RM,RO,TRAN,MOUNTPOINT,FSTYPE,LABEL,UUID,PKNAME',
] as const;

export interface LinuxListOptions extends RunOptions {
  run?: RunCommand;
  /** Where sysfs is mounted; tests point it at a copy. */
  sysRoot?: string;
}

const OLD_LSBLK = /unrecognized option|invalid option|unknown column/i;

async function lsblkJson(run: RunCommand, options: RunOptions): Promise<string> {
  try {
    return (await run('lsblk', LSBLK_ARGS, options)).stdout;
  } catch (error) {
    if (!(error instanceof CommandError) || error.code !== 'COMMAND_FAILED' || !OLD_LSBLK.test(error.detail.stderr ?? '')) throw error;
    if (/json/i.test(error.detail.stderr ?? '')) {
      throw new CommandError('COMMAND_FAILED', 'This lsblk cannot print JSON (util-linux 2.27 or newer is needed).', error.command, error.detail, {
        cause: error,
      });
    }
    return (await run('lsblk', LSBLK_BASIC_ARGS, options)).stdout;
  }
}

/** Disks and partitions of this Linux machine: lsblk's JSON, cross-checked with /sys. */
export async function listLinuxDevices(options: LinuxListOptions = {}): Promise<Device[]> {
  const { run = runCommand, sysRoot = '/sys', ...runOptions } = options;
  const devices = parseLsblk(await lsblkJson(run, runOptions));
  return Promise.all(devices.map((device) => withSysfsFacts(device, sysRoot)));
}

import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Device, Source } from '@afterimage/contracts';
import type { AgentClient } from './agent-connection.js';
import { CliError, EXIT } from './exit-codes.js';

const flatten = (devices: readonly Device[]): Device[] => devices.flatMap((d) => [d, ...flatten(d.partitions)]);

/** /dev/sdb, /dev/disk4, \\.\PHYSICALDRIVE2, or any path that is a block device. */
async function looksLikeDevice(path: string): Promise<boolean> {
  if (/^\/dev\//.test(path) || /^\\\\\.\\/.test(path)) return true;
  return (await stat(path).catch(() => undefined))?.isBlockDevice() ?? false;
}

/** The device of this computer at `path` (a symlink such as /dev/disk/by-id/… is followed). */
async function findDevice(client: AgentClient, path: string): Promise<Device> {
  const devices = flatten(await client.devices.list.query());
  const real = await realpath(path).catch(() => path);
  const device = devices.find((d) => d.path === path || d.path === real);
  if (!device) throw new CliError(`${path} is not one of this computer's disks or partitions (see 'afterimage devices').`, EXIT.source);
  return device;
}

/**
 * A folder the user typed as the agent's folder source (an iPhone backup, asking for its password
 * only if it needs one; or a folder with Android's or Windows' trash); undefined for anything else.
 */
export async function addFolderSource(client: AgentClient, given: string, password: () => Promise<string | undefined>): Promise<Source | undefined> {
  const path = resolve(given);
  if (!(await stat(path).catch(() => undefined))?.isDirectory()) return undefined;
  const secret = await password();
  return client.sources.addFolder.mutate({ path, ...(secret ? { password: secret } : {}) });
}

/**
 * The agent's source for what the user typed: a device (found by its path among the agent's devices),
 * a folder, or an image file. Either way the agent opens it read-only.
 */
export async function addSource(client: AgentClient, given: string, password: () => Promise<string | undefined> = async () => undefined): Promise<Source> {
  const folder = await addFolderSource(client, given, password);
  if (folder) return folder;
  if (await looksLikeDevice(given)) {
    const device = await findDevice(client, /^\\\\\.\\/.test(given) ? given : resolve(given));
    return client.sources.addDevice.mutate({ deviceId: device.id });
  }
  return client.sources.addImage.mutate({ path: resolve(given) });
}

import { realpath } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ServiceError } from '@afterimage/contracts';
import { nearestExisting } from '../destination-guard.js';

const within = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The folder as given and as it really is (links resolved). */
export async function folderRoots(folder: string): Promise<string[]> {
  const given = resolve(folder);
  return [...new Set([given, await realpath(given).catch(() => given)])];
}

/** `path` as given and with the links of its existing part resolved (a folder about to be made counts too). */
async function bothWays(path: string): Promise<string[]> {
  const given = resolve(path);
  const existing = await nearestExisting(given);
  const real = join(await realpath(existing.path).catch(() => existing.path), relative(existing.path, given));
  return [...new Set([given, real])];
}

/** True when `path` is `folder` or inside it, links resolved. */
export async function isInsideFolder(roots: readonly string[], path: string): Promise<boolean> {
  const paths = await bothWays(path);
  return roots.some((root) => paths.some((p) => within(root, p)));
}

/**
 * Rule 1 of DESIGN.md for folder sources: nothing is written into the source folder. A destination
 * that is the folder or inside it — through a link too — is refused.
 */
export async function assertOutsideFolder(folder: string, destination: string): Promise<void> {
  if (await isInsideFolder(await folderRoots(folder), destination)) {
    throw new ServiceError('FORBIDDEN', `Refusing to write to ${destination}: it is inside the source folder ${folder}. Choose a folder outside it.`);
  }
}

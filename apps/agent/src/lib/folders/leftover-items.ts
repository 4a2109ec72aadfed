import { lstat, realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { FindingTrash } from '@afterimage/contracts';
import { findFolderLeftovers, mediaStoreSince, openFileSource, UnsupportedError, type ByteSource, type FolderLeftover } from '@afterimage/fs-parsers';
import type { FolderItem } from './folder-item.js';

const slashed = (path: string) => path.split(sep).join('/');

/** Windows' `E:\DCIM\IMG_1.JPG` as `/DCIM/IMG_1.JPG` (drive letter dropped), as the carve engine names Recycle Bin items. */
const fromWindows = (path: string) => '/' + path.replace(/^[A-Za-z]:/, '').split('\\').filter(Boolean).join('/');

/** Opens a file of the folder read-only, refusing a link put in its place since it was listed. */
export async function openFolderFile(path: string): Promise<ByteSource> {
  const info = await lstat(path);
  if (!info.isFile()) throw new UnsupportedError(`${path} is no longer a plain file`);
  return openFileSource(path);
}

function trashOf(item: FolderLeftover): FindingTrash {
  if (item.kind === 'recycle-bin') return { by: 'recycle-bin', ...(item.deletedAt ? { deletedAt: item.deletedAt.toISOString() } : {}) };
  const purgeAt = item.expiresAt.toISOString();
  if (item.kind === 'android-pending') return { by: 'android-pending', purgeAt };
  return { by: 'android-trash', deletedAt: mediaStoreSince({ state: 'trashed', expiresAt: item.expiresAt, originalName: item.originalName }).toISOString(), purgeAt };
}

async function toItem(root: string, item: FolderLeftover): Promise<FolderItem> {
  const trash = trashOf(item);
  const modifiedAt = item.kind === 'recycle-bin' ? (await lstat(item.path).catch(() => undefined))?.mtime : item.modifiedAt;
  const times = { ...(modifiedAt ? { modifiedAt: modifiedAt.toISOString() } : {}), ...(trash.deletedAt ? { deletedAt: trash.deletedAt } : {}) };
  const originalPath = item.kind === 'recycle-bin' ? (item.originalPath ? fromWindows(item.originalPath) : undefined) : '/' + slashed(relative(root, item.originalPath));
  const notes = item.kind === 'recycle-bin' && !item.infoPath ? [...item.notes, 'no $I file tells where it was: it is restored under lost/'] : item.notes;
  return {
    file: slashed(relative(root, item.path)),
    name: item.originalName,
    ...(originalPath ? { originalPath } : {}),
    size: item.size,
    origin: 'deleted',
    ...(Object.keys(times).length ? { times } : {}),
    trash,
    notes,
    open: () => openFolderFile(item.path),
  };
}

/**
 * What a plain folder holds that an operating system set aside, as folder items (fs-parsers'
 * findFolderLeftovers: read-only, no links followed, bounded): Android MediaStore's trashed and
 * pending files under their real names and folders, Recycle Bin items under the name and path their
 * `$I` gives. `onNote` hears what the walk could not do.
 */
export async function leftoverItems(folder: string, signal?: AbortSignal, onNote?: (note: string) => void): Promise<FolderItem[]> {
  const root = await realpath(folder);
  const items: FolderItem[] = [];
  for await (const item of findFolderLeftovers(root, { ...(signal ? { signal } : {}), ...(onNote ? { onNote } : {}) })) items.push(await toItem(root, item));
  return items;
}

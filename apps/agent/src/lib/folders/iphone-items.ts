import type { FileTimes, FindingTrash } from '@afterimage/contracts';
import type { IphoneBackup, PhoneMedia } from '@afterimage/fs-parsers';
import type { FolderItem } from './folder-item.js';

/** Where a backup keeps the file with this fileID: `<first two hex digits>/<fileID>`. */
export const storedPath = (fileId: string): string => `${fileId.slice(0, 2)}/${fileId}`;

/** The media a finding of this backup is: its fileID from `file.path`, its phone path from `originalPath`. */
export function mediaOf(finding: { file?: { path: string } | undefined; originalPath?: string | undefined }): Pick<PhoneMedia, 'fileId' | 'relativePath'> | undefined {
  const fileId = finding.file?.path.split('/').pop();
  const relativePath = finding.originalPath?.replace(/^\//, '');
  return fileId && /^[0-9a-f]{40}$/.test(fileId) && relativePath ? { fileId, relativePath } : undefined;
}

function timesOf(media: PhoneMedia): FileTimes | undefined {
  const { createdAt, modifiedAt } = media.times;
  const deletedAt = media.trashed?.at;
  const times = { ...(createdAt ? { createdAt } : {}), ...(modifiedAt ? { modifiedAt } : {}), ...(deletedAt ? { deletedAt } : {}) };
  return Object.keys(times).length > 0 ? times : undefined;
}

function trashOf(media: PhoneMedia): FindingTrash | undefined {
  if (!media.trashed) return undefined;
  const { at, purgeAt } = media.trashed;
  return { by: 'iphone-recently-deleted', ...(at ? { deletedAt: at } : {}), ...(purgeAt ? { purgeAt } : {}) };
}

/**
 * The camera roll of an opened backup as folder items: every photo and video the backup holds (not
 * only deleted ones: a backup is what a person recovers from), under the phone's names and dates,
 * Recently Deleted ones marked with their purge date, Live Photo halves pointing at each other. A
 * file the backup lists but does not hold is left out (its bytes are not there to recover).
 */
export async function iphoneItems(backup: IphoneBackup, signal?: AbortSignal): Promise<FolderItem[]> {
  const media: PhoneMedia[] = [];
  for await (const item of backup.cameraRoll(signal ? { signal } : {})) if (item.readable) media.push(item);
  const byPath = new Map(media.map((m) => [m.relativePath, m]));
  return media.map((m) => {
    const pair = m.livePhotoPair ? byPath.get(m.livePhotoPair) : undefined;
    const times = timesOf(m);
    const trash = trashOf(m);
    return {
      file: storedPath(m.fileId),
      name: m.name,
      originalPath: `/${m.relativePath}`,
      size: m.size,
      origin: m.trashed ? 'deleted' : 'live',
      ...(times ? { times } : {}),
      ...(trash ? { trash } : {}),
      ...(pair ? { livePhotoPair: storedPath(pair.fileId) } : {}),
      ...(m.times.createdAt ? { takenAt: m.times.createdAt } : {}),
      notes: m.notes,
      open: () => backup.read(m),
    };
  });
}

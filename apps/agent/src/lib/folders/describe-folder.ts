import { basename } from 'node:path';
import type { Source } from '@afterimage/contracts';
import type { IphoneBackup } from '@afterimage/fs-parsers';

const PLAIN_FOLDER =
  "A folder: a scan finds the photos and videos Android's trash kept (.trashed-…), those an app never finished (.pending-…) and Recycle Bin items ($Recycle.Bin), and gives them back under their real names.";

/** A plain folder as a source (its size is learnt by a scan). */
export function plainFolderSource(id: string, folder: string): Source {
  return { id, kind: 'folder', folderKind: 'folder', label: basename(folder) || folder, path: folder, sizeBytes: 0, description: PLAIN_FOLDER };
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : undefined);

/** An opened iPhone backup as a source: named after the phone and the day of the backup, sized by its camera roll. */
export async function backupSource(id: string, folder: string, backup: IphoneBackup, signal?: AbortSignal): Promise<Source> {
  let bytes = 0;
  let count = 0;
  let deleted = 0;
  for await (const media of backup.cameraRoll(signal ? { signal } : {})) {
    if (!media.readable) continue;
    bytes += media.size;
    count += 1;
    if (media.trashed) deleted += 1;
  }
  const { info } = backup;
  const made = day(info.date);
  const phone = info.deviceName ?? info.productType ?? 'iPhone';
  const facts = [
    `An iPhone or iPad backup${made ? ` made ${made}` : ''}${info.iosVersion ? ` (iOS ${info.iosVersion})` : ''}: ${count} photos and videos in its camera roll, ${deleted} of them in Recently Deleted.`,
    ...(info.encrypted ? ['It is encrypted: the agent keeps its password in memory only and asks for it again after it restarts.'] : []),
    ...(info.finished === false ? ['The backup was interrupted before it finished: some photos may be missing from it.'] : []),
    ...backup.notes,
  ];
  return {
    id,
    kind: 'folder',
    folderKind: 'iphone-backup',
    label: `${phone} backup${made ? ` of ${made}` : ''} (${basename(folder)})`,
    path: folder,
    sizeBytes: bytes,
    encrypted: info.encrypted,
    description: facts.join(' '),
  };
}

import { posix } from 'node:path';
import { addDays } from './apple-time.js';
import type { ManifestDb, ManifestRow } from './manifest-db.js';
import { parseMbFile, type MbFile } from './mbfile.js';
import { extensionOf, kindOf } from './media-kind.js';
import type { PhoneMedia } from './phone-media.js';
import type { PhotoAsset, PhotoAssets } from './photos-db.js';
import { pairLivePhotos } from './live-photos.js';
import { expectedFileId, openStoredContent } from './stored-file.js';

/**
 * The camera roll: Manifest.db's CameraRollDomain rows under Media/DCIM/, one camera folder at a
 * time (so Live Photo halves, which share a folder, meet), joined with Photos.sqlite by path.
 * Folders, symlinks and files that are not photos or videos are counted in `leftOut`, never listed.
 */
export const RECENTLY_DELETED_DAYS = 30;
/** A camera folder holds at most 9,999 IMG_ numbers; past this many rows a folder is cut into batches. */
export const MAX_FOLDER_FILES = 100_000;
const PAGE = 256;

export interface CameraRollContext {
  folder: string;
  manifest: ManifestDb;
  assets: PhotoAssets | undefined;
  classKeys: Map<number, Buffer> | undefined;
  signal?: AbortSignal;
  /** What was left out, by reason ("folder", ".aae file"…): filled as the listing goes. */
  leftOut: Map<string, number>;
}

export interface ListedMedia {
  media: PhoneMedia;
  asset?: PhotoAsset;
}

export async function* listCameraRoll(context: CameraRollContext): AsyncGenerator<PhoneMedia> {
  let batch: ListedMedia[] = [];
  let folder: string | undefined;
  for (let after: ManifestRow | undefined, page = nextPage(context, after); page.length > 0; page = nextPage(context, after)) {
    for (const row of page) {
      context.signal?.throwIfAborted();
      const rowFolder = posix.dirname(row.relativePath);
      if (rowFolder !== folder || batch.length >= MAX_FOLDER_FILES) {
        yield* pairLivePhotos(batch);
        batch = [];
        folder = rowFolder;
      }
      const listed = await describe(context, row);
      if (listed) batch.push(listed);
      after = row;
    }
  }
  yield* pairLivePhotos(batch);
}

/** Keyset paging: no SQLite cursor stays open while the caller reads files between two yields. */
const nextPage = (context: CameraRollContext, after: ManifestRow | undefined): ManifestRow[] => context.manifest.cameraRollPage(after, PAGE);

const leave = (context: CameraRollContext, reason: string): undefined => {
  context.leftOut.set(reason, (context.leftOut.get(reason) ?? 0) + 1);
  return undefined;
};

async function describe(context: CameraRollContext, row: ManifestRow): Promise<ListedMedia | undefined> {
  if (row.flags !== 1) return leave(context, row.flags === 2 ? 'folder' : 'symlink or other entry');
  const storedName = posix.basename(row.relativePath);
  const asset = context.assets?.byPath.get(row.relativePath.slice('Media/'.length));
  const kind = kindOf(storedName, asset?.kind);
  if (!kind) return leave(context, `.${extensionOf(storedName) || '(no extension)'} file`);
  const notes: string[] = [];
  if (row.fileId !== expectedFileId(row.domain, row.relativePath)) notes.push(`fileID ${row.fileId} is not the SHA-1 of "${row.domain}-${row.relativePath}"`);
  let record: MbFile | undefined;
  if (row.file) {
    try {
      record = parseMbFile(row.file, row.relativePath);
      notes.push(...record.notes);
    } catch (error) {
      notes.push((error as Error).message);
    }
  } else {
    notes.push(row.fileBytes > 0 ? `its Manifest.db record is ${row.fileBytes} bytes, too large to be real` : 'Manifest.db holds no record for it');
  }
  let size = record?.size ?? 0;
  let readable = false;
  try {
    const content = await openStoredContent(context.folder, row.fileId, record, context.classKeys, row.relativePath);
    if (content) {
      notes.push(...content.notes);
      size = content.source.size;
      readable = true;
      await content.source.close();
    } else notes.push('Manifest.db lists it but the backup folder does not hold it');
  } catch (error) {
    notes.push((error as Error).message);
  }
  if (asset?.kind !== undefined && asset.kind > 1) notes.push(`Photos.sqlite ZKIND ${asset.kind} is neither a photo nor a video`);
  const createdAt = asset?.createdAt ?? record?.createdAt;
  const media: PhoneMedia = {
    fileId: row.fileId,
    domain: row.domain,
    relativePath: row.relativePath,
    name: safeName(asset?.originalName, notes) ?? storedName,
    storedName,
    kind,
    size,
    readable,
    times: { ...(createdAt ? { createdAt } : {}), ...(record?.modifiedAt ? { modifiedAt: record.modifiedAt } : {}) },
    ...(asset?.trashed ? { trashed: trashedFrom(asset, notes) } : {}),
    ...(asset?.uuid ? { assetUuid: asset.uuid } : {}),
    notes,
  };
  return asset ? { media, asset } : { media };
}

/** An original name is used only if it is one plain file name (no folders, no NUL, not "." or ".."). */
function safeName(name: string | undefined, notes: string[]): string | undefined {
  if (name === undefined) return undefined;
  if (/[/\\\0]/.test(name) || name === '.' || name === '..' || name.length > 255) {
    notes.push(`Photos.sqlite's original name ${JSON.stringify(name.slice(0, 80))} is not a plain file name; the camera-roll name is used`);
    return undefined;
  }
  return name;
}

function trashedFrom(asset: PhotoAsset, notes: string[]): NonNullable<PhoneMedia['trashed']> {
  if (!asset.trashedAt) {
    notes.push('in Recently Deleted, but Photos.sqlite gives no usable ZTRASHEDDATE: when it will be purged is not known');
    return {};
  }
  return { at: asset.trashedAt, purgeAt: addDays(asset.trashedAt, RECENTLY_DELETED_DAYS) };
}

import { coreDataTimeToIso } from './apple-time.js';
import { type Sqlite, columnsOf, sqliteCall } from './sqlite.js';

/**
 * What Photos.sqlite (CameraRollDomain Media/PhotoData/Photos.sqlite, a Core Data store) knows
 * about each asset: ZASSET (ZGENERICASSET before iOS 14) with ZDIRECTORY ("DCIM/100APPLE"),
 * ZFILENAME, ZDATECREATED (Core Data seconds), ZKIND (0 photo, 1 video), ZKINDSUBTYPE (2 Live
 * Photo), ZTRASHEDSTATE (1 = in Recently Deleted) and ZTRASHEDDATE; ZADDITIONALASSETATTRIBUTES
 * holds ZORIGINALFILENAME (the name the file had before it came to the phone, or the camera's).
 * Columns a version lacks read as NULL; only ZDIRECTORY and ZFILENAME are required.
 */
export interface PhotoAsset {
  createdAt?: string;
  kind?: number;
  kindSubtype?: number;
  trashed: boolean;
  trashedAt?: string;
  originalName?: string;
  uuid?: string;
}

export interface PhotoAssets {
  /** By "<ZDIRECTORY>/<ZFILENAME>", which is the Manifest.db relativePath less "Media/". */
  byPath: Map<string, PhotoAsset>;
  notes: string[];
}

export const PHOTOS_DB_PATH = 'Media/PhotoData/Photos.sqlite';
/** Far above any phone's library; past it the rest is left out with a note. */
export const MAX_ASSETS = 2_000_000;
const MAX_TEXT = 1024;

export function readPhotoAssets(db: Sqlite, signal?: AbortSignal): PhotoAssets {
  const what = 'Photos.sqlite';
  const notes: string[] = [];
  const table = columnsOf(db, 'ZASSET', what).size > 0 ? 'ZASSET' : 'ZGENERICASSET';
  const columns = columnsOf(db, table, what);
  if (!columns.has('ZDIRECTORY') || !columns.has('ZFILENAME')) {
    return { byPath: new Map(), notes: ['Photos.sqlite has no ZASSET table with ZDIRECTORY and ZFILENAME: names and Recently Deleted are not known'] };
  }
  const pick = (name: string, text = false): string =>
    columns.has(name) ? (text ? `substr(A.${name}, 1, ${MAX_TEXT}) AS ${name}` : `A.${name} AS ${name}`) : `NULL AS ${name}`;
  const extra = columnsOf(db, 'ZADDITIONALASSETATTRIBUTES', what);
  const join = !extra.has('ZORIGINALFILENAME')
    ? ''
    : columns.has('ZADDITIONALATTRIBUTES') && extra.has('Z_PK')
      ? 'LEFT JOIN ZADDITIONALASSETATTRIBUTES AS X ON X.Z_PK = A.ZADDITIONALATTRIBUTES'
      : extra.has('ZASSET') && columns.has('Z_PK')
        ? 'LEFT JOIN ZADDITIONALASSETATTRIBUTES AS X ON X.ZASSET = A.Z_PK'
        : '';
  if (!join) notes.push('Photos.sqlite keeps no original file names (no ZADDITIONALASSETATTRIBUTES.ZORIGINALFILENAME)');
  const sql = `SELECT ${[pick('ZDIRECTORY', true), pick('ZFILENAME', true), pick('ZDATECREATED'), pick('ZKIND'), pick('ZKINDSUBTYPE'), pick('ZTRASHEDSTATE'), pick('ZTRASHEDDATE'), pick('ZUUID', true)].join(', ')},
    ${join ? `substr(X.ZORIGINALFILENAME, 1, ${MAX_TEXT})` : 'NULL'} AS ZORIGINALFILENAME FROM ${table} AS A ${join}`;
  const byPath = new Map<string, PhotoAsset>();
  const rows = sqliteCall(what, () => db.prepare(sql).iterate());
  for (let count = 0; ; count++) {
    const next = sqliteCall(what, () => rows.next());
    if (next.done) break;
    if (count >= MAX_ASSETS) {
      notes.push(`Photos.sqlite holds more than ${MAX_ASSETS} assets; the rest were not read`);
      rows.return?.();
      break;
    }
    if (count % 10_000 === 0) signal?.throwIfAborted();
    const row = next.value as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof row[key] === 'string' && row[key] !== '' ? (row[key] as string) : undefined);
    const int = (key: string): number | undefined => (typeof row[key] === 'number' ? (row[key] as number) : undefined);
    const directory = text('ZDIRECTORY');
    const filename = text('ZFILENAME');
    if (!directory || !filename) continue;
    const createdAt = coreDataTimeToIso(row['ZDATECREATED']);
    const trashedAt = coreDataTimeToIso(row['ZTRASHEDDATE']);
    const asset: PhotoAsset = { trashed: int('ZTRASHEDSTATE') === 1 };
    const [kind, kindSubtype, originalName, uuid] = [int('ZKIND'), int('ZKINDSUBTYPE'), text('ZORIGINALFILENAME'), text('ZUUID')];
    if (createdAt) asset.createdAt = createdAt;
    if (kind !== undefined) asset.kind = kind;
    if (kindSubtype !== undefined) asset.kindSubtype = kindSubtype;
    if (asset.trashed && trashedAt) asset.trashedAt = trashedAt;
    if (originalName) asset.originalName = originalName;
    if (uuid) asset.uuid = uuid;
    byPath.set(`${directory.replace(/\/+$/, '')}/${filename}`, asset);
  }
  return { byPath, notes };
}

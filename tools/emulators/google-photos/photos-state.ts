import { randomBytes } from 'node:crypto';

/** A media item. `appCreated` is false for what the user (or another app) put in the library. */
export interface PhotoItem {
  id: string;
  filename: string;
  description?: string;
  mimeType: string;
  /** Kept exactly as uploaded (a =d download gives them back without location: see the download route). */
  bytes: Buffer;
  appCreated: boolean;
  createdAt: string;
}

export interface PhotoAlbum {
  id: string;
  title: string;
  appCreated: boolean;
  /** In album order: batchCreate appends at the end (LAST_IN_ALBUM). */
  itemIds: string[];
}

/** A resumable upload session (one X-Goog-Upload-URL). */
export interface UploadSession {
  id: string;
  size: number;
  mimeType: string;
  parts: Buffer[];
  received: number;
  /** Set once finalized: the upload token it produced. */
  token?: string;
}

/** The bytes behind an upload token; a token creates one media item at most. */
export interface UploadTokenEntry {
  bytes: Buffer;
  mimeType: string;
  used: boolean;
}

/** Ids shaped like Google's: long URL-safe base64. */
export function newId(prefix = 'A'): string {
  return prefix + randomBytes(24).toString('base64url');
}

/** Everything the Google Photos emulator keeps, in memory. */
export class PhotosState {
  readonly albums = new Map<string, PhotoAlbum>();
  readonly items = new Map<string, PhotoItem>();
  readonly sessions = new Map<string, UploadSession>();
  readonly tokens = new Map<string, UploadTokenEntry>();

  addAlbum(title: string, appCreated: boolean): PhotoAlbum {
    const album: PhotoAlbum = { id: newId('AF1Qip'), title, appCreated, itemIds: [] };
    this.albums.set(album.id, album);
    return album;
  }

  addItem(fields: Omit<PhotoItem, 'id' | 'createdAt'>, albumId?: string): PhotoItem {
    const item: PhotoItem = { ...fields, id: newId('AKz'), createdAt: new Date().toISOString() };
    this.items.set(item.id, item);
    if (albumId) this.albums.get(albumId)?.itemIds.push(item.id);
    return item;
  }

  issueToken(bytes: Buffer, mimeType: string): string {
    const token = 'CAIS' + randomBytes(48).toString('base64url');
    this.tokens.set(token, { bytes, mimeType, used: false });
    return token;
  }

  /** The media items in an album, in album order. */
  albumItems(album: PhotoAlbum): PhotoItem[] {
    return album.itemIds.map((id) => this.items.get(id)).filter((item): item is PhotoItem => item !== undefined);
  }
}

/** Page tokens are opaque to clients; here they carry the next offset. */
export function pageToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The offset a page token names, or undefined when it is not one of ours. */
export function pageOffset(token: string | undefined): number | undefined {
  if (!token) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

import type { TrashItem } from '@afterimage/contracts';

const VIDEO = /\.(mp4|mov|m4v|avi|mts|m2ts|3gp|mkv|webm)$/i;
const PHOTO = /\.(jpe?g|png|heic|heif|gif|webp|tiff?|bmp|dng|cr2|cr3|nef|arw|orf|rw2|raf)$/i;

/** photo, video or file: from the MIME type the provider gave, else (none, or a generic one) the name's extension. */
export function fileType(item: Pick<TrashItem, 'name' | 'mimeType'>): 'photo' | 'video' | 'file' {
  if (item.mimeType?.startsWith('image/')) return 'photo';
  if (item.mimeType?.startsWith('video/')) return 'video';
  if (PHOTO.test(item.name)) return 'photo';
  return VIDEO.test(item.name) ? 'video' : 'file';
}

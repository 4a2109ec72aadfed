import { InvalidPathError } from '../errors.js';

/** A target path as its folder names and file name: a plain relative path, no empty, `.` or `..` parts. */
export function splitPath(path: string): { folders: string[]; name: string } {
  const parts = path.split('/');
  if (!path || path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) {
    throw new InvalidPathError(`Not a plain relative path: ${JSON.stringify(path)}`);
  }
  return { folders: parts.slice(0, -1), name: parts[parts.length - 1] ?? '' };
}

/** A folder path ('' for the top) as its names. */
export function folderParts(prefix: string): string[] {
  if (prefix === '') return [];
  const { folders, name } = splitPath(prefix);
  return [...folders, name];
}

/** A string literal for a Drive query: single-quoted, `\` and `'` escaped with a backslash. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  dng: 'image/x-adobe-dng',
  cr2: 'image/x-canon-cr2',
  nef: 'image/x-nikon-nef',
  arw: 'image/x-sony-arw',
  orf: 'image/x-olympus-orf',
  rw2: 'image/x-panasonic-rw2',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  '3gp': 'video/3gpp',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  json: 'application/json',
  txt: 'text/plain',
};

/** The media type Drive should record (it drives the image/ and video/ filter of a trash listing). */
export function mimeTypeFor(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 && MIME_BY_EXTENSION[name.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

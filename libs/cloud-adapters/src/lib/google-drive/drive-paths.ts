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

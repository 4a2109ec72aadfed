import { InvalidPathError } from '../errors.js';

const plainParts = (path: string): string[] | undefined => {
  const parts = path.split('/');
  return parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0')) ? undefined : parts;
};

/**
 * Paths inside the Dropbox folder a target writes to. The root is a folder path in the Dropbox
 * ('Afterimage/Backups' or '/Afterimage/Backups'; '' for the top of the Dropbox or of the app
 * folder); object paths are plain relative paths below it. Dropbox compares paths case-insensitively.
 */
export class DropboxPaths {
  /** '/Afterimage/Backups', or '' for the top. */
  readonly root: string;

  constructor(root: string) {
    const trimmed = root.replace(/^\/+|\/+$/g, '');
    if (trimmed && !plainParts(trimmed)) throw new InvalidPathError(`Not a plain Dropbox folder path: ${JSON.stringify(root)}`);
    this.root = trimmed ? `/${trimmed}` : '';
  }

  /** The Dropbox path of an object (throws InvalidPathError for '', absolute, '..' or empty parts). */
  full(path: string): string {
    if (!path || path.startsWith('/') || !plainParts(path)) throw new InvalidPathError(`Not a plain relative path: ${JSON.stringify(path)}`);
    return `${this.root}/${path}`;
  }

  /** The folder to list for a prefix ('' is the root itself). */
  folder(prefix: string): string {
    return prefix ? this.full(prefix.replace(/\/+$/, '')) : this.root;
  }

  /** The relative path of a Dropbox entry under the root, or undefined when it is not under it. */
  relative(pathLower: unknown, pathDisplay: unknown): string | undefined {
    if (typeof pathLower !== 'string' || typeof pathDisplay !== 'string') return undefined;
    const rootLower = this.root.toLowerCase();
    if (!pathLower.startsWith(`${rootLower}/`)) return undefined;
    // path_display keeps the case the file was created with; it lines up with path_lower unless lower-casing changed a length.
    return (pathDisplay.length === pathLower.length ? pathDisplay : pathLower).slice(rootLower.length + 1);
  }
}

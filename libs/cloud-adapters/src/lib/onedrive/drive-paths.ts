import { InvalidPathError } from '../errors.js';

/**
 * Characters OneDrive does not allow in a file or folder name, names it refuses, and its limits
 * (Microsoft's "Restrictions and limitations in OneDrive and SharePoint": " * : < > ? / \ |, no leading
 * or trailing space, 400 characters for a whole path).
 */
const INVALID_CHARACTERS = /["*:<>?\\|\0]/;
const MAX_PATH = 400;

/** The names of a slash-separated relative path, refusing what would leave the root or what OneDrive refuses. */
export function pathSegments(path: string, what = 'path'): string[] {
  if (path === '') return [];
  const segments = path.split('/');
  for (const name of segments) {
    if (name === '' || name === '.' || name === '..') throw new InvalidPathError(`Not a plain relative ${what}: ${JSON.stringify(path)}.`);
    if (INVALID_CHARACTERS.test(name) || name !== name.trim()) {
      throw new InvalidPathError(`OneDrive does not allow the name ${JSON.stringify(name)}: no " * : < > ? \\ | characters and no leading or trailing spaces.`);
    }
  }
  if (path.length > MAX_PATH) throw new InvalidPathError(`OneDrive paths are limited to ${MAX_PATH} characters; ${JSON.stringify(path.slice(0, 40))}… is longer.`);
  return segments;
}

/** The root folder of a target, as segments ('' or '/' for the whole drive). */
export function rootSegments(root: string): string[] {
  return pathSegments(root.replace(/^\/+|\/+$/g, ''), 'root folder');
}

/** The path-based address of an item (https://learn.microsoft.com/graph/onedrive-addressing-driveitems). */
export function itemAddress(segments: readonly string[]): string {
  return segments.length ? `/me/drive/root:/${segments.map(encodeURIComponent).join('/')}:` : '/me/drive/root';
}

/**
 * The folder names of an itemReference.path such as "/drive/root:/Photos/2024" (percent-encoded by
 * Graph), or undefined when it is not a path in the drive's root.
 */
export function referencePath(path: unknown): string[] | undefined {
  if (typeof path !== 'string') return undefined;
  const match = /^\/drives?(?:\/[^/]+)?\/root:(.*)$/.exec(path);
  if (!match) return undefined;
  return (match[1] ?? '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** `segments` relative to `root`, or undefined when they are not inside it. */
export function relativeTo(root: readonly string[], segments: readonly string[]): string | undefined {
  if (segments.length <= root.length) return undefined;
  const lower = (s: string) => s.toLowerCase();
  if (!root.every((name, i) => lower(name) === lower(segments[i] ?? ''))) return undefined;
  return segments.slice(root.length).join('/');
}

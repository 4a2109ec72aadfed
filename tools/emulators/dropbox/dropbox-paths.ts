import type { EmulatorResponse } from '../lib/server.js';
import { badRequest, routeError } from './dropbox-errors.js';

/**
 * A path argument checked as Dropbox checks it: it must match the route's pattern (a leading '/'),
 * else 400 naming the pattern; an empty component or a trailing '/' is a 409 `malformed_path` under
 * the route's lookup tag. The root is "" (and only where `rootAllowed`, as in list_folder).
 */
export function checkPath(route: string, value: unknown, tag: string, rootAllowed = false): string | EmulatorResponse {
  if (value === '' && rootAllowed) return '';
  if (typeof value !== 'string' || !value.startsWith('/')) {
    return badRequest(route, `request body: path: ${JSON.stringify(value)} did not match pattern '(/(.|[\\r\\n])*)|(ns:[0-9]+(/.*)?)|(id:.*)'`);
  }
  if (value === '/' || value.endsWith('/') || value.includes('//') || value.includes('\0')) {
    return routeError({ '.tag': tag, [tag]: { '.tag': 'malformed_path' } });
  }
  return value;
}

/** True when `lower` is `folder` itself or under it ('' is the root). */
export const isUnder = (lower: string, folder: string): boolean => folder === '' || lower.startsWith(`${folder}/`);

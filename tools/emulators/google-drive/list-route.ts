import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import type { DriveContext } from './context.js';
import { invalidParameter } from './errors.js';
import { parseQuery, QuerySyntaxError, type Predicate } from './query.js';
import { DEFAULT_LIST_FIELDS, fileResource, FieldsSyntaxError, parseFields, select } from './resource.js';

/**
 * files.list (GET /drive/v3/files): `q` (see query.ts), `pageSize` (1–1000, 100 when absent), `pageToken`
 * (the opaque nextPageToken of the previous page; only valid with the same `q`), and `fields` (e.g.
 * `nextPageToken,files(id,name)`). Items come in creation order; a page token that does not belong to
 * this query answers 400 Invalid Value on `pageToken`.
 */
const MAX_PAGE = 1000;

interface PageToken {
  q: string;
  offset: number;
}

function readToken(token: string, q: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<PageToken>;
    const offset = parsed.offset;
    return parsed.q === q && typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

export function listFiles(request: EmulatorRequest, context: DriveContext): EmulatorResponse {
  const q = request.query.get('q') ?? '';
  let predicate: Predicate = () => true;
  try {
    if (q.trim()) predicate = parseQuery(q, (id) => context.store.resolve(id));
  } catch (error) {
    if (error instanceof QuerySyntaxError) return invalidParameter('q');
    throw error;
  }
  const pageSizeText = request.query.get('pageSize');
  const pageSize = pageSizeText === null ? 100 : Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) return invalidParameter('pageSize');
  const tokenText = request.query.get('pageToken');
  const offset = tokenText ? readToken(tokenText, q) : 0;
  if (offset === undefined) return invalidParameter('pageToken');

  const matches = context.store.all().filter(predicate);
  const page = matches.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { kind: 'drive#fileList', incompleteSearch: false, files: page.map((item) => fileResource(item, request.origin)) };
  if (offset + pageSize < matches.length) {
    body['nextPageToken'] = Buffer.from(JSON.stringify({ q, offset: offset + pageSize } satisfies PageToken)).toString('base64url');
  }
  try {
    return { status: 200, body: select(body, parseFields(request.query.get('fields') || DEFAULT_LIST_FIELDS)) };
  } catch (error) {
    if (error instanceof FieldsSyntaxError) return invalidParameter('fields');
    throw error;
  }
}

import type { EmulatedPerson } from '../lib/person.js';
import { displayNameOf } from '../lib/person.js';
import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import type { DriveContext } from './context.js';
import { driveError, invalidParameter } from './errors.js';
import { FieldsSyntaxError, parseFields, select } from './resource.js';

export const ABOUT_PATH = '/drive/v3/about';

/**
 * GET /drive/v3/about (developers.google.com/drive/api/reference/rest/v3/about/get): `fields` is
 * required (400 "required" without it, as Drive answers); the About resource cut to it — kind, the
 * user (kind drive#user, displayName, me, permissionId, emailAddress) and the storage quota.
 */
export function aboutRoute(request: EmulatorRequest, context: DriveContext, person: EmulatedPerson): EmulatorResponse {
  if (request.method !== 'GET') return driveError(405, { reason: 'httpMethodNotAllowed', message: `Method not allowed: ${request.method}` });
  const fields = request.query.get('fields');
  if (!fields) return driveError(400, { reason: 'required', message: "The 'fields' parameter is required for this method.", location: 'fields', locationType: 'parameter' });
  const quota = context.store.quotaBytes;
  const used = context.store.usedBytes();
  const trashed = context.store.all().reduce((sum, item) => sum + (item.trashed ? (item.content?.length ?? 0) : 0), 0);
  const about = {
    kind: 'drive#about',
    user: { kind: 'drive#user', displayName: displayNameOf(person), me: true, permissionId: '01234567890123456789', emailAddress: person.email },
    storageQuota: { ...(Number.isFinite(quota) ? { limit: String(quota) } : {}), usage: String(used), usageInDrive: String(used), usageInDriveTrash: String(trashed) },
  };
  try {
    return { status: 200, body: select(about, parseFields(fields)) };
  } catch (error) {
    if (error instanceof FieldsSyntaxError) return invalidParameter('fields');
    throw error;
  }
}

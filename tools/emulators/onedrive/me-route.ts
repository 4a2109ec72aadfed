import type { EmulatedPerson } from '../lib/person.js';
import { displayNameOf } from '../lib/person.js';
import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import { GraphFailure } from './graph-errors.js';

export const ME_PATH = '/v1.0/me';

/**
 * GET /v1.0/me (learn.microsoft.com/graph/api/user-get): the signed-in user with Graph's default
 * properties, or only those `$select` names (an unknown one is 400 BadRequest, as Graph answers), with
 * the `@odata.context` Graph writes for each.
 */
export function me(request: EmulatorRequest, person: EmulatedPerson): EmulatorResponse {
  const user: Record<string, unknown> = {
    businessPhones: [],
    displayName: displayNameOf(person),
    givenName: person.givenName,
    jobTitle: null,
    mail: person.email,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: person.surname,
    userPrincipalName: person.email,
    id: '48d31887-5fad-4d73-a9f5-3c356e68a038',
  };
  const select = request.query.get('$select');
  if (!select) return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', ...user } };
  const names = select.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.find((n) => !(n in user));
  if (unknown) throw new GraphFailure(400, 'BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  const body: Record<string, unknown> = { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users(${names.join(',')})/$entity` };
  for (const name of names) body[name] = user[name];
  return { status: 200, body };
}

import { readBounded } from '../bounded-read.js';
import { AuthError, BackupError } from '../errors.js';
import type { AccountProvider } from '../registry.js';

/** Who a signed-in account is at its provider, for people: "Anna Berg", "anna@example.com". */
export interface AccountProfile {
  name?: string;
  email?: string;
}

export interface AccountProfileOptions {
  provider: AccountProvider;
  accessToken: string;
  /** The provider's API origin: an emulator's http://127.0.0.1:PORT in tests; the real one when absent. */
  apiBase?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** How long to wait for the answer (10 s when absent). */
  timeoutMs?: number;
}

/**
 * The "about me" call of each provider, as documented, with the scopes the sign-in already asks:
 * - Google Drive API v3 `GET /drive/v3/about?fields=user` (any Drive scope, drive.file included) →
 *   `{ user: { displayName, emailAddress } }`;
 * - Dropbox `POST /2/users/get_current_account` (account_info.read), no arguments (a JSON `null`) →
 *   `{ name: { display_name }, email }`;
 * - Microsoft Graph `GET /v1.0/me` (User.Read) → `{ displayName, mail, userPrincipalName }`.
 */
const CALLS: Record<AccountProvider, { origin: string; path: string; post: boolean; read(body: Record<string, unknown>): AccountProfile }> = {
  google: {
    origin: 'https://www.googleapis.com',
    path: '/drive/v3/about?fields=user(displayName%2CemailAddress)',
    post: false,
    read: (body) => ({ name: text(field(body['user'], 'displayName')), email: text(field(body['user'], 'emailAddress')) }),
  },
  dropbox: {
    origin: 'https://api.dropboxapi.com',
    path: '/2/users/get_current_account',
    post: true,
    read: (body) => ({ name: text(field(body['name'], 'display_name')), email: text(body['email']) }),
  },
  microsoft: {
    origin: 'https://graph.microsoft.com',
    path: '/v1.0/me?$select=displayName,mail,userPrincipalName',
    post: false,
    read: (body) => ({ name: text(body['displayName']), email: text(body['mail']) ?? emailLike(text(body['userPrincipalName'])) }),
  },
};

/** The most of an answer read (a profile is a few hundred bytes). */
const MAX_BODY = 64 * 1024;
const MAX_TEXT = 200;

const field = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
const emailLike = (value: string | undefined) => (value && /^[^@\s]+@[^@\s]+$/.test(value) ? value : undefined);

/** A string from the provider as one printable line of at most 200 characters, or undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return clean ? clean.slice(0, MAX_TEXT) : undefined;
}

async function boundedJson(response: Response): Promise<Record<string, unknown>> {
  const bytes = await readBounded(response.body, { maxBytes: MAX_BODY, what: 'The account’s profile', readFor: 'a profile' });
  const value: unknown = JSON.parse(bytes.toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BackupError('The account profile is not a JSON object.');
  return value as Record<string, unknown>;
}

/** Asks the provider who the account is (its display name and email); fields it does not give stay absent. */
export async function fetchAccountProfile(options: AccountProfileOptions): Promise<AccountProfile> {
  const call = CALLS[options.provider];
  const origin = options.apiBase?.replace(/\/+$/, '') ?? call.origin;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = { authorization: `Bearer ${options.accessToken}`, accept: 'application/json' };
  if (call.post) headers['content-type'] = 'application/json';
  const response = await (options.fetch ?? fetch)(origin + call.path, { method: call.post ? 'POST' : 'GET', headers, ...(call.post ? { body: 'null' } : {}), signal });
  if (response.status === 401 || response.status === 403) throw new AuthError(`The provider refused to say who the account is (${response.status}).`);
  if (!response.ok) throw new BackupError(`The provider answered ${response.status} when asked who the account is.`);
  const profile = call.read(await boundedJson(response));
  return { ...(profile.name ? { name: profile.name } : {}), ...(profile.email ? { email: profile.email } : {}) };
}

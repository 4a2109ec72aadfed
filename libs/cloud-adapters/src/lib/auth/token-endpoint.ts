import { AuthError, TransientError } from '../errors.js';
import { retryAfterMs } from '../retry.js';
import type { ProviderAuth } from './providers.js';
import { readBounded } from '../bounded-read.js';

/** A token endpoint's successful answer (RFC 6749 §5.1), checked and bounded. */
export interface TokenResponse {
  accessToken: string;
  refreshToken?: string;
  /** Seconds, clamped to 1..30 days; 3600 when the server gave none (RFC 6749 leaves it optional). */
  expiresIn: number;
  scope?: string[];
  account?: string;
}

export interface TokenRequestOptions {
  provider: ProviderAuth;
  endpoint: string;
  form: Record<string, string | undefined>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const MAX_BODY = 64 * 1024;
const MAX_TOKEN = 16 * 1024;
const MAX_LIFETIME = 30 * 24 * 3600;

function text(value: unknown, limit = MAX_TOKEN): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= limit ? value : undefined;
}

async function readJson(response: Response): Promise<Record<string, unknown> | undefined> {
  // An answer longer than any token reply is not read past the limit (a body that never ends included).
  const body = await readBounded(response.body, { maxBytes: MAX_BODY, what: 'The token endpoint\'s answer', readFor: 'an answer', declared: response.headers.get('content-length') }).catch(
    () => undefined,
  );
  if (!body) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POSTs a form to a token endpoint (RFC 6749 §4.1.3, §6) and reads the answer. A 400/401 error body
 * (RFC 6749 §5.2) becomes AuthError naming the provider; 429, 5xx and a failed connection become
 * TransientError, so the caller may try again later.
 */
export async function requestTokens(options: TokenRequestOptions): Promise<TokenResponse> {
  const { provider } = options;
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(options.form)) if (value !== undefined) form.set(key, value);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new TransientError(`Could not reach ${provider.title}'s sign-in server`, undefined, { cause: error });
  }
  const json = await readJson(response).catch(() => undefined);
  if (response.status === 429 || response.status >= 500) {
    throw new TransientError(`${provider.title}'s sign-in server answered ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
  }
  if (!response.ok) {
    const code = text(json?.['error'], 200) ?? `HTTP ${response.status}`;
    const description = text(json?.['error_description'], 500);
    const cause = new Error(description ? `${code}: ${description}` : code);
    if (code === 'invalid_grant') throw new AuthError(`Sign in to ${provider.title} again: the sign-in has expired or was revoked`, { cause });
    if (code === 'invalid_client' || code === 'unauthorized_client') {
      throw new AuthError(`${provider.title} refused this app's client id (${code}); check the configured client id and secret`, { cause });
    }
    throw new AuthError(`${provider.title} refused the sign-in (${code}${description ? `: ${description}` : ''})`, { cause });
  }
  const accessToken = text(json?.['access_token']);
  if (!accessToken) throw new TransientError(`${provider.title}'s sign-in server answered without an access token`);
  const lifetime = Number(json?.['expires_in'] ?? 3600);
  const scope = text(json?.['scope'], 4096);
  return {
    accessToken,
    refreshToken: text(json?.['refresh_token']),
    expiresIn: Number.isFinite(lifetime) ? Math.min(MAX_LIFETIME, Math.max(1, Math.floor(lifetime))) : 3600,
    scope: scope ? scope.split(/[ ,]+/).filter(Boolean) : undefined,
    account: text(json?.['account_id'], 200),
  };
}

import type { AccountProvider } from '@afterimage/cloud-adapters';

const PROVIDERS: readonly AccountProvider[] = ['google', 'dropbox', 'microsoft'];

/** AFTERIMAGE_DROPBOX_OAUTH: the origin answering for Dropbox's authorization and token endpoints. */
export const oauthEnvName = (provider: AccountProvider) => `AFTERIMAGE_${provider.toUpperCase()}_OAUTH`;

/** AFTERIMAGE_DROPBOX_REDIRECT_PORT: the loopback port of the redirect URI registered with the provider. */
export const redirectPortEnvName = (provider: AccountProvider) => `AFTERIMAGE_${provider.toUpperCase()}_REDIRECT_PORT`;

/** Where the agent's OAuth goes instead of the real providers, and on which loopback ports it listens. */
export interface OAuthSettings {
  /** Origins (http://127.0.0.1:PORT) that replace the providers' authorization and token endpoints' origin. */
  endpoints: Partial<Record<AccountProvider, string>>;
  ports: Partial<Record<AccountProvider, number>>;
}

function origin(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new Error(`${name} must be an address like http://127.0.0.1:8080, not "${value}"`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http:// or https:// address, not "${value}"`);
  return url.origin;
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535) throw new Error(`${name} must be a port number from 1 to 65535, not "${value}"`);
  return n;
}

/**
 * Reads AFTERIMAGE_<PROVIDER>_OAUTH (an emulated authorization server: sign-in and token refresh both
 * go there, paths kept) and AFTERIMAGE_<PROVIDER>_REDIRECT_PORT for google, dropbox and microsoft.
 * A value that is set but unusable is an error naming the variable (the agent does not start).
 */
export function oauthSettings(env: Record<string, string | undefined>): OAuthSettings {
  const settings: OAuthSettings = { endpoints: {}, ports: {} };
  for (const provider of PROVIDERS) {
    const endpoint = env[oauthEnvName(provider)]?.trim();
    if (endpoint) settings.endpoints[provider] = origin(oauthEnvName(provider), endpoint);
    const redirect = env[redirectPortEnvName(provider)]?.trim();
    if (redirect) settings.ports[provider] = port(redirectPortEnvName(provider), redirect);
  }
  return settings;
}

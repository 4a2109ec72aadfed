import { fetchAccountProfile, type AccountProfile, type AccountProvider } from '@afterimage/cloud-adapters';
import { apiEnvName } from '../backup/targets.js';

/** The target kind whose API answers "who am I" for each provider's accounts. */
const PROFILE_KIND: Record<AccountProvider, string> = { google: 'google-drive', dropbox: 'dropbox', microsoft: 'onedrive' };

/**
 * Asks a provider who a freshly signed-in account is. The API origin is AFTERIMAGE_<KIND>_API when set
 * (an emulator), else the origin AFTERIMAGE_<PROVIDER>_OAUTH points sign-ins at (the emulators serve
 * both on one origin; nothing emulated ever goes to the real provider), else the provider's own.
 */
export function profileFetcher(env: NodeJS.ProcessEnv, oauthOrigins: Partial<Record<AccountProvider, string>>): (provider: AccountProvider, accessToken: string) => Promise<AccountProfile> {
  return (provider, accessToken) => {
    const apiBase = env[apiEnvName(PROFILE_KIND[provider])]?.trim() || oauthOrigins[provider];
    return fetchAccountProfile({ provider, accessToken, ...(apiBase ? { apiBase } : {}) });
  };
}

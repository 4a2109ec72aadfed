import { BackupError } from '../errors.js';
import type { AccountProvider } from '../registry.js';
import { providerAuth } from './providers.js';

/** This app's OAuth client at a provider: the id registered in its developer console. */
export interface ClientCredentials {
  clientId: string;
  /** Google desktop clients only; Google's docs say such a secret is not treated as confidential. */
  clientSecret?: string;
}

/** No client id configured for a provider; the message names the variable and the file key to set. */
export class ClientConfigError extends BackupError {
  override readonly name = 'ClientConfigError';
}

const ENV: Record<AccountProvider, { id: string; secret?: string }> = {
  google: { id: 'AFTERIMAGE_GOOGLE_CLIENT_ID', secret: 'AFTERIMAGE_GOOGLE_CLIENT_SECRET' },
  dropbox: { id: 'AFTERIMAGE_DROPBOX_CLIENT_ID' },
  microsoft: { id: 'AFTERIMAGE_MICROSOFT_CLIENT_ID' },
};

/** The environment variables that configure a provider's client. */
export function clientEnvNames(provider: AccountProvider): { id: string; secret?: string } {
  return { ...ENV[provider] };
}

function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  // Printable ASCII without spaces: client ids and secrets are, and a pasted newline is caught here.
  return trimmed.length > 0 && trimmed.length <= 512 && /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : undefined;
}

/** `{ "oauthClients": { "<provider>": { "clientId": "…", "clientSecret": "…" } } }` in HOME/config.json. */
function fromFile(provider: AccountProvider, fileJson: unknown): { clientId?: string; clientSecret?: string } {
  const clients = (fileJson as { oauthClients?: unknown } | null | undefined)?.oauthClients;
  const entry = clients && typeof clients === 'object' ? (clients as Record<string, unknown>)[provider] : undefined;
  if (!entry || typeof entry !== 'object') return {};
  const record = entry as Record<string, unknown>;
  return { clientId: clean(record['clientId']), clientSecret: clean(record['clientSecret']) };
}

/**
 * The client id (and Google's secret) for a provider: the environment first, then the agent's
 * HOME/config.json (`oauthClients.<provider>`). Throws ClientConfigError naming both places.
 */
export function clientConfig(provider: AccountProvider, env: Record<string, string | undefined>, fileJson?: unknown): ClientCredentials {
  const names = ENV[provider];
  const file = fromFile(provider, fileJson);
  const clientId = clean(env[names.id]) ?? file.clientId;
  if (!clientId) {
    throw new ClientConfigError(
      `No ${providerAuth[provider].title} client id is configured: set ${names.id}` +
        `${names.secret ? ` (and ${names.secret})` : ''} or "oauthClients.${provider}.clientId" in the agent's config.json`,
    );
  }
  const clientSecret = names.secret ? (clean(env[names.secret]) ?? file.clientSecret) : undefined;
  if (provider === 'google' && !clientSecret) {
    throw new ClientConfigError(`No Google client secret is configured: set ${names.secret} (Google desktop clients come with one) or "oauthClients.google.clientSecret" in the agent's config.json`);
  }
  return clientSecret ? { clientId, clientSecret } : { clientId };
}

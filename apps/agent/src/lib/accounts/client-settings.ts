import { clientConfig, type AccountProvider, type ClientCredentials } from '@afterimage/cloud-adapters';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The OAuth client ids this agent signs in with: AFTERIMAGE_<PROVIDER>_CLIENT_ID (and Google's
 * AFTERIMAGE_GOOGLE_CLIENT_SECRET) from the environment, else `oauthClients` in HOME/config.json.
 * Read on each call, so an edit to config.json needs no restart.
 */
export function configuredClients(home: string, env: Record<string, string | undefined> = process.env): (provider: AccountProvider) => Promise<ClientCredentials> {
  const file = join(home, 'config.json');
  return async (provider) => {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    let json: unknown;
    if (text !== undefined) {
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    }
    return clientConfig(provider, env, json);
  };
}

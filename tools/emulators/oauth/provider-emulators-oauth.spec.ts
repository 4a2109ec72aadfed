// Each provider emulator serves its provider's OAuth on its own origin: a sign-in there yields tokens
// its API accepts, and a refresh there replaces an expired one (what AFTERIMAGE_<PROVIDER>_OAUTH uses).
import { RefreshingTokenSource, signIn, type AccountProvider } from '@afterimage/cloud-adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { startDropboxEmulator } from '../dropbox/dropbox-emulator.js';
import { startDriveEmulator } from '../google-drive/emulator.js';
import { startGooglePhotosEmulator } from '../google-photos/google-photos-emulator.js';
import type { AuthorizationServer } from '../lib/oauth.js';
import type { TokenBook } from '../lib/tokens.js';
import { startOneDriveEmulator } from '../onedrive/onedrive-emulator.js';
import { visit } from './test-browser.js';

interface Started {
  url: string;
  oauth: AuthorizationServer;
  tokens: TokenBook;
  close(): Promise<void>;
}

/** Each emulator with its provider and one API call that needs a bearer token. */
const cases: { kind: string; provider: AccountProvider; start(): Promise<Started>; call: { method: string; path: string; body?: string } }[] = [
  { kind: 'google-drive', provider: 'google', start: () => startDriveEmulator({ oauth: { clientSecret: 'desktop-secret' } }), call: { method: 'GET', path: '/drive/v3/files' } },
  { kind: 'google-photos', provider: 'google', start: () => startGooglePhotosEmulator({ oauth: { clientSecret: 'desktop-secret' } }), call: { method: 'GET', path: '/v1/albums' } },
  { kind: 'dropbox', provider: 'dropbox', start: () => startDropboxEmulator(), call: { method: 'POST', path: '/2/files/list_folder', body: '{"path":""}' } },
  { kind: 'onedrive', provider: 'microsoft', start: () => startOneDriveEmulator(), call: { method: 'GET', path: '/v1.0/me/drive' } },
];

const open: Started[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

async function api(emulator: Started, call: (typeof cases)[number]['call'], token: string): Promise<number> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(call.body ? { 'content-type': 'application/json' } : {}) };
  const response = await fetch(`${emulator.url}${call.path}`, { method: call.method, headers, ...(call.body ? { body: call.body } : {}) });
  await response.arrayBuffer();
  return response.status;
}

describe('provider emulators answer their provider’s OAuth on the same origin', () => {
  for (const { kind, provider, start, call } of cases) {
    it(`${kind}: a browser sign-in there gives a token its API accepts, and a refresh there a new one`, async () => {
      const emulator = await start();
      open.push(emulator);
      let browsing: Promise<unknown> | undefined;
      const tokens = await signIn({
        provider,
        clientId: emulator.oauth.clientId,
        clientSecret: emulator.oauth.options.clientSecret,
        endpoints: emulator.url,
        port: 0,
        openBrowser: (url) => {
          browsing = visit(url);
        },
      });
      await browsing;
      expect(await api(emulator, call, tokens.accessToken)).toBe(200);
      emulator.tokens.expire(tokens.accessToken);
      expect(await api(emulator, call, tokens.accessToken)).toBe(401);

      const saved: string[] = [];
      const source = new RefreshingTokenSource({ tokens, clientId: emulator.oauth.clientId, clientSecret: emulator.oauth.options.clientSecret, endpoints: emulator.url, save: (t) => void saved.push(t.accessToken) });
      source.refused(tokens.accessToken);
      const fresh = await source.token();
      expect(fresh).not.toBe(tokens.accessToken);
      expect(saved).toEqual([fresh]);
      expect(await api(emulator, call, fresh)).toBe(200);
    });
  }
});

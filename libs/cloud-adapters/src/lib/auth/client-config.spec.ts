import { describe, expect, it } from 'vitest';
import { ClientConfigError, clientConfig } from './client-config.js';
import { endpointsFor, providerAuth } from './providers.js';

describe('clientConfig', () => {
  it('takes the environment first, then config.json', () => {
    const file = { oauthClients: { dropbox: { clientId: 'from-file' }, google: { clientId: 'g-file', clientSecret: 'g-secret' } } };
    expect(clientConfig('dropbox', { AFTERIMAGE_DROPBOX_CLIENT_ID: ' from-env ' }, file)).toEqual({ clientId: 'from-env' });
    expect(clientConfig('dropbox', {}, file)).toEqual({ clientId: 'from-file' });
    expect(clientConfig('google', { AFTERIMAGE_GOOGLE_CLIENT_ID: 'g-env' }, file)).toEqual({ clientId: 'g-env', clientSecret: 'g-secret' });
    expect(clientConfig('microsoft', { AFTERIMAGE_MICROSOFT_CLIENT_ID: 'm' })).toEqual({ clientId: 'm' });
  });

  it('names the variable to set when a client id is missing or unusable', () => {
    expect(() => clientConfig('microsoft', {}, { oauthClients: { microsoft: { clientId: 42 } } })).toThrow(/AFTERIMAGE_MICROSOFT_CLIENT_ID/);
    expect(() => clientConfig('dropbox', { AFTERIMAGE_DROPBOX_CLIENT_ID: '   ' }, null)).toThrow(ClientConfigError);
    expect(() => clientConfig('google', { AFTERIMAGE_GOOGLE_CLIENT_ID: 'g' })).toThrow(/AFTERIMAGE_GOOGLE_CLIENT_SECRET/);
  });
});

describe('provider endpoints', () => {
  it('keeps the real paths under an emulator origin', () => {
    expect(endpointsFor('dropbox', 'http://127.0.0.1:9/ignored')).toEqual({
      authorization: 'http://127.0.0.1:9/oauth2/authorize',
      token: 'http://127.0.0.1:9/oauth2/token',
    });
    expect(endpointsFor('google').token).toBe('https://oauth2.googleapis.com/token');
    expect(endpointsFor('microsoft', 'http://127.0.0.1:9').authorization).toBe('http://127.0.0.1:9/common/oauth2/v2.0/authorize');
    expect(providerAuth.microsoft.scopes).toContain('offline_access');
  });
});

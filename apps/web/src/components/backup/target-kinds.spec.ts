import type { AccountProviderInfo } from '@afterimage/contracts';
import { describe, expect, it } from 'vitest';
import { targetKinds, targetName } from './target-kinds';

const provider = (p: Partial<AccountProviderInfo> & Pick<AccountProviderInfo, 'provider' | 'kinds'>): AccountProviderInfo => ({ title: p.provider, configured: true, ...p });

describe('targetKinds', () => {
  it('offers a local folder, then each provider’s kinds in the agent’s order', () => {
    const kinds = targetKinds([provider({ provider: 'dropbox', kinds: ['dropbox'] }), provider({ provider: 'google', kinds: ['google-drive', 'google-photos'] })]);
    expect(kinds.map((k) => k.kind)).toEqual(['local-folder', 'dropbox', 'google-drive', 'google-photos']);
    expect(kinds.find((k) => k.kind === 'google-photos')).toMatchObject({ provider: 'google', rootLabel: 'Album' });
    expect(kinds[0]?.provider).toBeUndefined();
  });
  it('names a kind it does not know by its id, with its provider', () => {
    expect(targetKinds([provider({ provider: 'microsoft', kinds: ['sharepoint'] })])[1]).toMatchObject({ kind: 'sharepoint', title: 'sharepoint', provider: 'microsoft' });
  });
  it('offers every known kind while the providers are not known', () => {
    expect(targetKinds(undefined).map((k) => k.kind)).toEqual(['local-folder', 'google-drive', 'google-photos', 'dropbox', 'onedrive']);
  });
});

describe('targetName', () => {
  it('names a folder by its path and a cloud by its account', () => {
    expect(targetName({ title: 'Folder or external drive', root: '/mnt/usb' })).toBe('Folder or external drive /mnt/usb');
    expect(targetName({ title: 'Dropbox', root: 'Afterimage', account: 'me@example.com' })).toBe('Dropbox (me@example.com) Afterimage');
  });
});

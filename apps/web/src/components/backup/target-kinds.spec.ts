import type { BackupAdapter } from '@afterimage/contracts';
import { describe, expect, it } from 'vitest';
import { targetKinds, targetName } from './target-kinds';

const folder: BackupAdapter = { kind: 'local-folder', title: 'Folder or external drive', medium: 'disk', offsite: 'optional', root: { label: 'Folder', help: 'A full path.', absolutePath: true }, limits: { trash: 'A folder has no trash of its own to list.' } };
const photos: BackupAdapter = {
  kind: 'google-photos',
  title: 'Google Photos',
  medium: 'cloud',
  offsite: 'always',
  account: 'google',
  root: { label: 'Album', help: 'An album this app creates.', default: 'Afterimage', absolutePath: false },
  limits: { trash: 'No API for its trash.', remove: 'Cannot delete.' },
};

describe('targetKinds', () => {
  it('offers the agent’s adapters in its order, with what each needs and cannot do', () => {
    const kinds = targetKinds([folder, photos]);
    expect(kinds.map((k) => k.kind)).toEqual(['local-folder', 'google-photos']);
    expect(kinds[1]).toMatchObject({ provider: 'google', rootLabel: 'Album', rootDefault: 'Afterimage', limits: ['No API for its trash.', 'Cannot delete.'] });
    expect(kinds[0]?.provider).toBeUndefined();
    expect(kinds[0]?.rootDefault).toBe('');
  });
  it('offers a local folder alone while the agent has not said which kinds it has', () => {
    expect(targetKinds(undefined).map((k) => k.kind)).toEqual(['local-folder']);
    expect(targetKinds([]).map((k) => k.kind)).toEqual(['local-folder']);
  });
});

describe('targetName', () => {
  it('names a folder by its path and a cloud by its account, as people know it', () => {
    expect(targetName({ title: 'Folder or external drive', root: '/mnt/usb' })).toBe('Folder or external drive · /mnt/usb');
    expect(targetName({ title: 'Dropbox', root: 'Afterimage', account: 'dropbox-1', accountTitle: "Anna's Dropbox" })).toBe("Dropbox · Anna's Dropbox · Afterimage");
    expect(targetName({ title: 'Dropbox', root: 'Afterimage', account: 'dropbox-1' })).toBe('Dropbox · dropbox-1 · Afterimage');
  });
});

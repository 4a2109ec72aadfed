import { AuthError } from '../errors.js';
import type { AdapterDescriptor } from '../registry.js';
import { OneDrivePersonalTarget } from './onedrive-personal-target.js';

/**
 * The registry row: a target's root is the folder in the OneDrive that holds its copies. `create` cannot
 * ask the drive its type (it is synchronous), so it makes the personal target, whose recycle-bin calls
 * find out on first use and, on OneDrive for Business, say in words where its recycle bin is. Code that
 * can wait uses connectOneDrive, which picks the right class up front.
 */
export const oneDrive: AdapterDescriptor = {
  kind: 'onedrive',
  title: 'OneDrive',
  medium: 'cloud',
  account: 'microsoft',
  root: { label: 'Folder in your OneDrive', help: 'Photos go in YEAR/MONTH folders inside it.', default: 'Afterimage' },
  create(config, deps) {
    if (!deps.tokens) throw new AuthError('Sign in to the Microsoft account before backing up to OneDrive.');
    return new OneDrivePersonalTarget({ root: config.root, tokens: deps.tokens, apiBase: deps.apiBase, account: config.account });
  },
};

import { AuthError } from '../errors.js';
import type { AdapterDescriptor } from '../registry.js';
import { GoogleDriveTarget } from './google-drive-target.js';

/** The registry row: a target's root is the folder path under My Drive that holds its copies. */
export const googleDrive: AdapterDescriptor = {
  kind: 'google-drive',
  title: 'Google Drive',
  medium: 'cloud',
  account: 'google',
  root: { label: 'Folder in your Drive', help: 'Photos go in YEAR/MONTH folders inside it.', default: 'Afterimage' },
  create(config, deps) {
    if (!deps.tokens) throw new AuthError('Sign in to Google before backing up to Google Drive.');
    return new GoogleDriveTarget({ root: config.root, tokens: deps.tokens, apiBase: deps.apiBase, account: config.account });
  },
};

import { AuthError } from '../errors.js';
import type { AdapterDescriptor } from '../registry.js';
import { DropboxTarget } from './dropbox-target.js';

/** The registry row: a target's root is the folder in the Dropbox that holds its copies. */
export const dropbox: AdapterDescriptor = {
  kind: 'dropbox',
  title: 'Dropbox',
  medium: 'cloud',
  account: 'dropbox',
  root: { label: 'Folder in your Dropbox', help: 'Photos go in YEAR/MONTH folders inside it.', default: 'Afterimage' },
  create(config, deps) {
    if (!deps.tokens) throw new AuthError('Sign in to Dropbox before backing up to it.');
    return new DropboxTarget({ root: config.root, tokens: deps.tokens, apiBase: deps.apiBase, account: config.account });
  },
};

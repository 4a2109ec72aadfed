import { AuthError } from '../errors.js';
import type { AdapterDescriptor } from '../registry.js';
import { GooglePhotosTarget } from './google-photos-target.js';

/** The registry row: a target's root is the title of the app-created album it keeps its copies in. */
export const googlePhotos: AdapterDescriptor = {
  kind: 'google-photos',
  title: 'Google Photos',
  medium: 'cloud',
  account: 'google',
  photosOnly: true,
  root: { label: 'Album', help: 'An album this app creates and fills. Google Photos lets apps add to their own albums only.', default: 'Afterimage' },
  create(config, deps) {
    if (!deps.tokens) throw new AuthError('Sign in to Google before backing up to Google Photos.');
    return new GooglePhotosTarget({ album: config.root, tokens: deps.tokens, apiBase: deps.apiBase, account: config.account });
  },
};

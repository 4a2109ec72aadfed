import type { AccessTokenSource } from './auth/access-token.js';
import type { BackupTarget } from './backup-target.js';
import { LocalFolderTarget } from './local-folder/local-folder-target.js';
import { googlePhotos } from './google-photos/google-photos-adapter.js';
import { dropbox } from './dropbox/dropbox-adapter.js';
import { oneDrive } from './onedrive/onedrive-adapter.js';
import { googleDrive } from './google-drive/google-drive-adapter.js';

/** Which sign-in a target needs (one account can serve Drive and Photos). */
export type AccountProvider = 'google' | 'dropbox' | 'microsoft';

/** A configured target as the agent stores it: the adapter's kind and its own settings. */
export interface TargetConfig {
  kind: string;
  /** A folder path (local folder, or the folder inside the cloud drive), or an album title for Google Photos. */
  root: string;
  /** The user says a local folder is kept at another address. */
  offsite?: boolean;
  /** Which signed-in account (cloud kinds). */
  account?: string;
}

export interface TargetDeps {
  tokens?: AccessTokenSource;
  /** The provider's API origin: an emulator's http://127.0.0.1:PORT in tests; the real one when absent. */
  apiBase?: string;
}

/** One row per adapter: how to make it from a stored config. */
export interface AdapterDescriptor {
  kind: string;
  /** For people: "Google Drive". */
  title: string;
  medium: BackupTarget['medium'];
  account?: AccountProvider;
  /** What the root of a target is, for people: "Folder in your Dropbox", with a hint and a default. */
  root?: RootDescription;
  /** Takes photos only: a video put there is refused (its `limits` say why), so a backup plans videos elsewhere. */
  photosOnly?: boolean;
  create(config: TargetConfig, deps: TargetDeps): BackupTarget;
}

/** How a form or a help text asks for a target's root. */
export interface RootDescription {
  label: string;
  help: string;
  /** What to offer when nothing is typed yet (a cloud folder name; none for a local path). */
  default?: string;
}

const localFolder: AdapterDescriptor = {
  kind: 'local-folder',
  title: 'Folder or external drive',
  medium: 'disk',
  root: { label: 'Folder', help: 'A full path, such as /media/you/Backup drive/Photos. It is created if it is not there.' },
  create: (config) => new LocalFolderTarget(config.root, undefined, config.offsite ?? false),
};

/** Every adapter, explicitly (no import side effects). A new adapter adds its row here. */
export const adapters: readonly AdapterDescriptor[] = [localFolder, googleDrive, googlePhotos, dropbox, oneDrive];

export function adapterFor(kind: string): AdapterDescriptor | undefined {
  return adapters.find((a) => a.kind === kind);
}

import type { BackupTargetConfig } from '@afterimage/contracts';
import type { AccountProvider, ProviderInfo } from '../../lib/use-accounts';

/** How the form describes a kind of backup target. */
export interface KindInfo {
  kind: string;
  title: string;
  /** Whose sign-in it needs; a local folder needs none. */
  provider?: AccountProvider;
  rootLabel: string;
  rootDefault: string;
  rootHelp: string;
}

export const LOCAL_FOLDER: KindInfo = {
  kind: 'local-folder',
  title: 'Folder or external drive',
  rootLabel: 'Folder',
  rootDefault: '',
  rootHelp: 'A full path, such as /media/you/Backup drive/Photos. It is created if it is not there.',
};

// The contracts do not list the agent's adapters yet (see the report): these describe the ones it has.
const CLOUD: readonly KindInfo[] = [
  { kind: 'google-drive', title: 'Google Drive', provider: 'google', rootLabel: 'Folder in your Drive', rootDefault: 'Afterimage', rootHelp: 'Photos go in YEAR/MONTH folders inside it.' },
  { kind: 'google-photos', title: 'Google Photos', provider: 'google', rootLabel: 'Album', rootDefault: 'Afterimage', rootHelp: 'An album this app creates and fills. Google Photos lets apps add to their own albums only.' },
  { kind: 'dropbox', title: 'Dropbox', provider: 'dropbox', rootLabel: 'Folder in your Dropbox', rootDefault: 'Afterimage', rootHelp: 'Photos go in YEAR/MONTH folders inside it.' },
  { kind: 'onedrive', title: 'OneDrive', provider: 'microsoft', rootLabel: 'Folder in your OneDrive', rootDefault: 'Afterimage', rootHelp: 'Photos go in YEAR/MONTH folders inside it.' },
];

/** The kinds to offer: a local folder, then each provider's (when the agent says which), in its order. */
export function targetKinds(providers: readonly ProviderInfo[] | undefined): KindInfo[] {
  if (!providers) return [LOCAL_FOLDER, ...CLOUD];
  const offered = providers.flatMap((p) => p.kinds.map((kind) => CLOUD.find((k) => k.kind === kind) ?? { ...LOCAL_FOLDER, kind, title: kind, provider: p.provider, rootDefault: 'Afterimage', rootLabel: 'Folder', rootHelp: '' }));
  return [LOCAL_FOLDER, ...offered];
}

/** "Folder or external drive /mnt/usb", "Dropbox (dropbox-1a2b) /Afterimage". */
export function targetName(target: Pick<BackupTargetConfig, 'title' | 'root' | 'account'>): string {
  return target.account ? `${target.title} (${target.account}) ${target.root}` : `${target.title} ${target.root}`;
}

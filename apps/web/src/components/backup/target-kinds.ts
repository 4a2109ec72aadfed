import type { BackupAdapter, BackupTargetConfig } from '@afterimage/contracts';
import type { AccountProvider } from '../../lib/use-accounts';

/** How the form describes a kind of backup target (from the agent's adapters). */
export interface KindInfo {
  kind: string;
  title: string;
  /** Whose sign-in it needs; a local folder needs none. */
  provider?: AccountProvider;
  rootLabel: string;
  rootDefault: string;
  rootHelp: string;
  /** What it cannot do, in sentences (shown when it is picked). */
  limits: string[];
}

/** Offered while the agent has not said which kinds it has (or cannot say). */
export const LOCAL_FOLDER: KindInfo = {
  kind: 'local-folder',
  title: 'Folder or external drive',
  rootLabel: 'Folder',
  rootDefault: '',
  rootHelp: 'A full path, such as /media/you/Backup drive/Photos. It is created if it is not there.',
  limits: [],
};

const kindOf = (a: BackupAdapter): KindInfo => ({
  kind: a.kind,
  title: a.title,
  ...(a.account ? { provider: a.account } : {}),
  rootLabel: a.root.label,
  rootDefault: a.root.default ?? '',
  rootHelp: a.root.help,
  limits: Object.values(a.limits).filter((s): s is string => !!s),
});

/** The kinds to offer, in the agent's registry order; a local folder alone until the agent says. */
export function targetKinds(adapters: readonly BackupAdapter[] | undefined): KindInfo[] {
  if (!adapters || adapters.length === 0) return [LOCAL_FOLDER];
  return adapters.map(kindOf);
}

/** "Folder or external drive /mnt/usb", "Dropbox (Anna's Dropbox) /Afterimage". */
export function targetName(target: Pick<BackupTargetConfig, 'title' | 'root' | 'account' | 'accountTitle'>): string {
  const account = target.accountTitle ?? target.account;
  return [target.title, account, target.root].filter(Boolean).join(' · ');
}

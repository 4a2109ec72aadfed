import { openIphoneBackup, type IphoneBackup } from '@afterimage/fs-parsers';
import { folderError, needsPassword } from './folder-errors.js';

/**
 * The iPhone backups the agent has opened, one per source, and the passwords of the encrypted ones —
 * in this process's memory only (never in the store or on disk: a restart forgets them). Opening an
 * encrypted backup derives its keys from the password (PBKDF2, seconds for a real backup), so an
 * opened backup is kept for the agent's life: scans, previews and recoveries read through it.
 */
export class BackupKeeper {
  private readonly passwords = new Map<string, string>();
  private readonly opened = new Map<string, IphoneBackup>();
  /** Backups opened again with a new password; a scan may still read through them, so they close at the end. */
  private readonly replaced: IphoneBackup[] = [];

  constructor(private readonly tempDir?: string) {}

  hasPassword(sourceId: string): boolean {
    return this.passwords.has(sourceId);
  }

  /**
   * The opened backup of a source. Given a password, the backup is opened with it and the password
   * kept when it opens it (WRONG_PASSWORD otherwise, and the one held before stays). Without one, the
   * backup kept open, else opened with the password held; an encrypted backup with none held is
   * NEEDS_PASSWORD (`encrypted` says so before anything is read).
   */
  async open(sourceId: string, folder: string, password?: string, options: { encrypted?: boolean } = {}): Promise<IphoneBackup> {
    const kept = this.opened.get(sourceId);
    if (kept && !password) return kept;
    const given = password ?? this.passwords.get(sourceId);
    if (options.encrypted && !given) throw needsPassword(folder);
    const backup = await openIphoneBackup(folder, { ...(given ? { password: given } : {}), ...(this.tempDir ? { tempDir: this.tempDir } : {}) }).catch((error: unknown) =>
      Promise.reject(folderError(error, folder)),
    );
    if (backup.info.encrypted && given) this.passwords.set(sourceId, given);
    const previous = this.opened.get(sourceId);
    if (previous) this.replaced.push(previous);
    this.opened.set(sourceId, backup);
    return backup;
  }

  /** Closes every opened backup (their private working copies are removed). */
  async close(): Promise<void> {
    const all = [...this.opened.values(), ...this.replaced.splice(0)];
    this.opened.clear();
    await Promise.all(all.map((backup) => backup.close().catch(() => undefined)));
  }
}

import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ServiceError, type AddFolderSource, type Finding, type Source, type UnlockSource } from '@afterimage/contracts';
import { isIphoneBackup, type ByteSource } from '@afterimage/fs-parsers';
import type { RecoverOptions } from '../recover-files.js';
import type { ScanPipeline } from '../scan-runner.js';
import { BackupKeeper } from './backup-keeper.js';
import { backupSource, plainFolderSource } from './describe-folder.js';
import { folderError } from './folder-errors.js';
import { insideFolder } from './folder-item.js';
import { folderPipeline } from './folder-pipeline.js';
import { iphoneItems, mediaOf } from './iphone-items.js';
import { leftoverItems, openFolderFile } from './leftover-items.js';
import { assertOutsideFolder, folderRoots } from './outside-folder.js';

/** Where folder sources are kept (the agent's SessionsRepo). */
export interface SourceShelf {
  sources(): Source[];
  saveSource(source: Source): void;
}

async function existingFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch((cause: unknown) =>
    Promise.reject((cause as NodeJS.ErrnoException).code === 'ENOENT' ? new ServiceError('NOT_FOUND', `No such folder: ${folder}`, { cause }) : folderError(cause, folder)),
  );
  if (!info.isDirectory()) throw new ServiceError('BAD_REQUEST', `${folder} is a file, not a folder: add it as a disk image.`);
}

/**
 * Folders as sources: an iPhone backup (its camera roll) or a plain folder (Android's trash and
 * pending files, Recycle Bin items). Folders are only ever read. An encrypted backup's password is
 * kept in this object's memory only — never in the store, never on disk — so after a restart the
 * source says `needsPassword` and a scan, preview or recovery of it answers NEEDS_PASSWORD until
 * `unlock` gives it again.
 */
export class FolderSources {
  private readonly backups: BackupKeeper;

  constructor(
    private readonly shelf: SourceShelf,
    options: { tempDir?: string } = {},
  ) {
    this.backups = new BackupKeeper(options.tempDir);
  }

  /** The source as clients see it: an encrypted backup says whether the agent holds its password now. */
  view(source: Source): Source {
    if (source.kind !== 'folder' || !source.encrypted) return source;
    return { ...source, needsPassword: !this.backups.hasPassword(source.id) };
  }

  async add({ path, password }: AddFolderSource): Promise<Source> {
    if (!isAbsolute(path)) throw new ServiceError('BAD_REQUEST', `Give an absolute path, not ${path}.`);
    const folder = resolve(path);
    await existingFolder(folder);
    const known = this.shelf.sources().find((s) => s.kind === 'folder' && s.path === folder);
    const id = known?.id ?? `src-${randomUUID().slice(0, 8)}`;
    if (!(await isIphoneBackup(folder))) return this.save(plainFolderSource(id, folder));
    if (known?.folderKind === 'iphone-backup' && !password && (!known.encrypted || this.backups.hasPassword(id))) return this.view(known);
    const backup = await this.backups.open(id, folder, password);
    return this.save(await backupSource(id, folder, backup).catch((error: unknown) => Promise.reject(folderError(error, folder))));
  }

  async unlock({ sourceId, password }: UnlockSource): Promise<Source> {
    const source = this.shelf.sources().find((s) => s.id === sourceId);
    if (!source) throw new ServiceError('NOT_FOUND', `No source ${sourceId}; list the sources first.`);
    if (source.folderKind !== 'iphone-backup' || !source.encrypted) throw new ServiceError('BAD_REQUEST', `${source.label} is not an encrypted backup: it needs no password.`);
    await this.backups.open(source.id, source.path, password);
    return this.view(source);
  }

  /** The scan of a folder source; refuses at once (NEEDS_PASSWORD, NOT_FOUND) what would fail it. */
  async pipeline(source: Source): Promise<ScanPipeline> {
    await existingFolder(source.path);
    if (source.folderKind !== 'iphone-backup') {
      return folderPipeline((signal) => leftoverItems(source.path, signal).catch((error: unknown) => Promise.reject(folderError(error, source.path))));
    }
    const backup = await this.backups.open(source.id, source.path, undefined, { encrypted: source.encrypted === true });
    return folderPipeline((signal) => iphoneItems(backup, signal).catch((error: unknown) => Promise.reject(folderError(error, source.path))));
  }

  /**
   * How a recovery reads a folder source: each finding's own bytes, nothing written inside the
   * folder (a destination in it is FORBIDDEN); NEEDS_PASSWORD at once for a locked backup.
   */
  async recovery(source: Source, destination: string): Promise<Required<Pick<RecoverOptions, 'bytesOf' | 'forbidden' | 'sourceSize'>>> {
    await existingFolder(source.path);
    await assertOutsideFolder(source.path, destination);
    if (source.folderKind === 'iphone-backup') await this.backups.open(source.id, source.path, undefined, { encrypted: source.encrypted === true });
    return { bytesOf: (finding) => this.bytesOf(source, finding), forbidden: await folderRoots(source.path), sourceSize: source.sizeBytes };
  }

  /** A folder finding's bytes: its file, or an iPhone backup's stored file decrypted; close it after use. */
  async bytesOf(source: Source, finding: Finding): Promise<ByteSource> {
    try {
      if (source.folderKind === 'iphone-backup') {
        const media = mediaOf(finding);
        if (!media) throw new ServiceError('UNREADABLE', `${finding.name} does not say which file of the backup it is.`);
        const backup = await this.backups.open(source.id, source.path, undefined, { encrypted: source.encrypted === true });
        return await backup.read(media);
      }
      const file = finding.file && insideFolder(finding.file.path);
      if (!file) throw new ServiceError('UNREADABLE', `${finding.name} does not name a file inside ${source.path}.`);
      return await openFolderFile(join(source.path, file));
    } catch (error) {
      throw folderError(error, source.path);
    }
  }

  /** Closes the opened backups (their private working copies go). */
  close(): Promise<void> {
    return this.backups.close();
  }

  private save(source: Source): Source {
    this.shelf.saveSource(source);
    return this.view(source);
  }
}

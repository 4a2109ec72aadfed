import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { adapterFor, adapters, type AccessTokenSource, type BackupTarget, type TargetConfig, type TargetDeps } from '@afterimage/cloud-adapters';
import { ServiceError, errorMessage, type AddBackupTarget, type BackupTargetConfig } from '@afterimage/contracts';
import type { Db } from '../store/open-store.js';

/** Makes a BackupTarget from its stored config (the registry's adapters by default; tests wrap them). */
export type TargetFactory = (config: TargetConfig & { id: string }, deps: TargetDeps) => BackupTarget;

export interface TargetsOptions {
  /** The bearer tokens of a signed-in account (the account store's tokenSourceFor), when there is one. */
  tokens?: (accountId: string) => AccessTokenSource;
  /** The provider (google, dropbox, microsoft) of a signed-in account, to check --account when a target is added. */
  accountProvider?: (accountId: string) => Promise<string | undefined>;
  /** Where AFTERIMAGE_<KIND>_API is read (process.env by default): an emulator's origin in tests. */
  env?: NodeJS.ProcessEnv;
  create?: TargetFactory;
}

/** AFTERIMAGE_GOOGLE_DRIVE_API for google-drive: the provider's API origin when set (an emulator). */
export const apiEnvName = (kind: string) => `AFTERIMAGE_${kind.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API`;

const defaultFactory: TargetFactory = (config, deps) => {
  const descriptor = adapterFor(config.kind);
  if (!descriptor) throw new ServiceError('BAD_REQUEST', `This agent has no ${config.kind} adapter.`);
  return descriptor.create(config, deps);
};

const toConfig = (r: Record<string, unknown>): BackupTargetConfig => ({
  id: r['id'] as string,
  kind: r['kind'] as string,
  title: r['title'] as string,
  root: r['root'] as string,
  offsite: r['offsite'] === 1,
  ...(r['account'] ? { account: r['account'] as string } : {}),
  medium: r['medium'] as BackupTargetConfig['medium'],
  addedAt: r['added_at'] as string,
});

/** The configured backup targets (in the database) and the BackupTarget each one is. */
export class BackupTargets {
  private readonly instances = new Map<string, BackupTarget>();

  constructor(
    private readonly db: Db,
    private readonly options: TargetsOptions = {},
  ) {}

  list(): BackupTargetConfig[] {
    return (this.db.prepare('SELECT * FROM backup_targets ORDER BY added_at, id').all() as Record<string, unknown>[]).map(toConfig);
  }

  get(id: string): BackupTargetConfig {
    const row = this.db.prepare('SELECT * FROM backup_targets WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) throw new ServiceError('NOT_FOUND', `No backup target ${id}; list them with 'afterimage backup targets'.`);
    return toConfig(row);
  }

  async add(input: AddBackupTarget): Promise<BackupTargetConfig> {
    const descriptor = adapterFor(input.kind);
    if (!descriptor) throw new ServiceError('BAD_REQUEST', `No backup target kind ${input.kind}; this agent knows ${adapters.map((a) => a.kind).join(', ')}.`);
    if (descriptor.account && !input.account) throw new ServiceError('BAD_REQUEST', `${descriptor.title} needs a signed-in account: sign in, then give its id (--account).`);
    if (descriptor.account && input.account && this.options.accountProvider) {
      const provider = await this.options.accountProvider(input.account);
      if (!provider) throw new ServiceError('BAD_REQUEST', `No signed-in account ${input.account}: sign in to ${descriptor.title} first.`);
      if (provider !== descriptor.account) throw new ServiceError('BAD_REQUEST', `${input.account} is a ${provider} account; ${descriptor.title} needs a ${descriptor.account} one.`);
    }
    if (descriptor.medium === 'cloud' && input.medium === 'disk') throw new ServiceError('BAD_REQUEST', `${descriptor.title} is a cloud: its copies are not on a disk of yours.`);
    let root = input.root;
    if (descriptor.medium === 'disk') {
      if (!isAbsolute(root)) throw new ServiceError('BAD_REQUEST', `Give an absolute folder path, not ${root}.`);
      root = resolve(root);
      await mkdir(root, { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
        throw new ServiceError('BAD_REQUEST', `Cannot use ${root} as a backup folder: ${cause.code === 'EEXIST' || cause.code === 'ENOTDIR' ? 'something else than a folder is in the way' : cause.message}.`, { cause });
      });
    }
    const config: BackupTargetConfig = {
      id: `tgt-${randomUUID().slice(0, 8)}`,
      kind: descriptor.kind,
      title: descriptor.title,
      root,
      // A cloud is always somewhere else; a drive is when its owner says so.
      offsite: descriptor.medium === 'cloud' || (input.offsite ?? false),
      ...(input.account ? { account: input.account } : {}),
      medium: input.medium ?? descriptor.medium,
      addedAt: new Date().toISOString(),
    };
    const known = this.list().find((t) => t.kind === config.kind && t.root === config.root && (t.account ?? '') === (config.account ?? ''));
    if (known) {
      if (known.offsite === config.offsite && known.medium === config.medium) return known;
      throw new ServiceError('CONFLICT', `${root} is already the backup target ${known.id} (${known.offsite ? 'offsite' : 'onsite'}, ${known.medium}); remove it first to change that.`);
    }
    this.db
      .prepare('INSERT INTO backup_targets (id, kind, title, root, offsite, account, medium, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(config.id, config.kind, config.title, config.root, config.offsite ? 1 : 0, config.account ?? null, config.medium, config.addedAt);
    return config;
  }

  remove(id: string): BackupTargetConfig {
    const config = this.get(id);
    this.db.prepare('DELETE FROM backup_targets WHERE id = ?').run(id);
    this.instances.delete(id);
    return config;
  }

  /** The BackupTarget of a configured target, made once per agent run. */
  instance(config: BackupTargetConfig): BackupTarget {
    const made = this.instances.get(config.id);
    if (made) return made;
    const env = this.options.env ?? process.env;
    const apiBase = env[apiEnvName(config.kind)] || undefined;
    const tokens = config.account ? this.options.tokens?.(config.account) : undefined;
    const deps: TargetDeps = { ...(tokens ? { tokens } : {}), ...(apiBase ? { apiBase } : {}) };
    const target = (this.options.create ?? defaultFactory)({ id: config.id, kind: config.kind, root: config.root, offsite: config.offsite, ...(config.account ? { account: config.account } : {}) }, deps);
    this.instances.set(config.id, target);
    return target;
  }

  /**
   * Why a target cannot be used right now, or undefined. A folder must be there: the job never
   * creates it, so a drive that is not plugged in is not filled in its empty mount point instead.
   */
  async unusable(config: BackupTargetConfig): Promise<string | undefined> {
    if (config.kind === 'local-folder') {
      const info = await stat(config.root).catch(() => undefined);
      if (!info?.isDirectory()) return `The folder ${config.root} is not there (is the drive plugged in?).`;
    }
    try {
      this.instance(config);
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  }
}

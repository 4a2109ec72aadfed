export type { BackupTarget, ExpectedContent, HashKind, StoredObject } from './lib/backup-target.js';
export { BackupError, IntegrityError, InvalidPathError } from './lib/errors.js';
export { LocalFolderTarget } from './lib/local-folder/local-folder-target.js';

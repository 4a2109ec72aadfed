export type {
  BackupTarget,
  ExpectedContent,
  HashKind,
  PutOptions,
  PutProgress,
  RemoveAbility,
  StoredObject,
  TrashAbility,
  TrashedItem,
  UploadSessionStore,
} from './lib/backup-target.js';
export { canRemove, canTrash } from './lib/backup-target.js';
export type { ContentSource } from './lib/content.js';
export { bufferContent, fileContent, readRange } from './lib/content.js';
export { AuthError, BackupError, IntegrityError, InvalidPathError, NoSpaceError, NotFoundError, TransientError, UnsupportedError } from './lib/errors.js';
export { LocalFolderTarget } from './lib/local-folder/local-folder-target.js';

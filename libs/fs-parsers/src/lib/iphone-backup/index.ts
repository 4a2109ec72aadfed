/**
 * iPhone / iPad backups made by Finder or iTunes (a folder with Manifest.plist and Manifest.db, iOS
 * 10 and later, plain or encrypted): the camera roll with the names and dates the phone knows,
 * Recently Deleted marks with their purge dates and Live Photo pairs, read without restoring the phone.
 */
export { openIphoneBackup, isIphoneBackup } from './open-backup.js';
export type { IphoneBackup, OpenIphoneBackupOptions } from './open-backup.js';
export type { IphoneBackupInfo } from './backup-info.js';
export type { PhoneMedia } from './phone-media.js';
export type { MediaKind } from './media-kind.js';
export { NotABackupError, NeedsPasswordError, WrongPasswordError, CorruptBackupError } from './errors.js';
export { RECENTLY_DELETED_DAYS } from './camera-roll.js';
export { MAX_PBKDF2_ROUNDS } from './unlock.js';

import { FsParserError } from '../errors.js';

/**
 * The iPhone backup errors: each an FsParserError (so the agent and the CLI map them once, at the
 * edge), each with a message a person understands and the low-level `cause` kept.
 */

/** The folder is not a Finder / iTunes backup this reader can open (no Manifest.plist and Manifest.db). */
export class NotABackupError extends FsParserError {
  override readonly name = 'NotABackupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'UNSUPPORTED' });
  }
}

/** The backup is encrypted and no backup password was given. */
export class NeedsPasswordError extends FsParserError {
  override readonly name = 'NeedsPasswordError';
  constructor(folder: string) {
    super(`the iPhone backup in ${folder} is encrypted: give the backup password that was set in Finder or iTunes`, {
      code: 'NEEDS_PASSWORD',
    });
  }
}

/** The password does not unwrap the backup's keys (RFC 3394 integrity check failed). */
export class WrongPasswordError extends FsParserError {
  override readonly name = 'WrongPasswordError';
  constructor(folder: string, options?: { cause?: unknown }) {
    super(`the password does not open the encrypted iPhone backup in ${folder}: check it and try again`, {
      ...options,
      code: 'WRONG_PASSWORD',
    });
  }
}

/** A part of the backup (plist, keybag, database, stored file) holds values that cannot be right. */
export class CorruptBackupError extends FsParserError {
  override readonly name = 'CorruptBackupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'CORRUPT' });
  }
}

import type { MediaStoreState } from '../android-trash/media-store-name.js';

/** A photo or video Android's MediaStore keeps under a hidden `.trashed-…`/`.pending-…` name. */
export interface AndroidLeftover {
  /** In the trash (Android 11+), or never finished by the app writing it (a video being recorded). */
  kind: 'android-trash' | 'android-pending';
  state: MediaStoreState;
  /** The file as it is now, under its hidden name. */
  path: string;
  /** Its real name, from the hidden one. */
  originalName: string;
  /** Where it was: the same folder, under its real name (a host path, like `path`). */
  originalPath: string;
  /** When MediaProvider would delete it for good. */
  expiresAt: Date;
  size: number;
  modifiedAt: Date;
  notes: string[];
}

/** A photo or video in a Windows Recycle Bin (`$Recycle.Bin/<SID>/$R…`, or inside a `$R…` folder). */
export interface RecycleBinLeftover {
  kind: 'recycle-bin';
  /** The `$R…` file, or a file inside a `$R…` folder (a folder sent to the bin). */
  path: string;
  /** As Windows had it (drive letter, backslashes), from the `$I` file; absent without one. */
  originalPath?: string;
  /** The original path's last part; without a `$I`, the file's own name. */
  originalName: string;
  /** From the `$I` file; absent without one, or when its time is zero or out of range. */
  deletedAt?: Date;
  size: number;
  /** The `$Recycle.Bin` sub-folder: the Windows user's SID. */
  sid: string;
  /** The `$I…` file the item was paired with. */
  infoPath?: string;
  notes: string[];
}

export type FolderLeftover = AndroidLeftover | RecycleBinLeftover;

export interface FolderLeftoverOptions {
  signal?: AbortSignal;
  /** Folder levels below the root that are listed (default 32). */
  maxDepth?: number;
  /** Directory entries read in all (default 1,000,000). */
  maxEntries?: number;
  /** What the walk could not do or left out: an unreadable folder, a bad `$I`, a limit reached. */
  onNote?(note: string): void;
}

import type { MediaKind } from './media-kind.js';

/** One photo or video of the phone's camera roll, as the backup and Photos.sqlite know it. */
export interface PhoneMedia {
  /** SHA-1 of "<domain>-<relativePath>": the stored file's name in the backup folder. */
  fileId: string;
  /** Always CameraRollDomain. */
  domain: string;
  /** Where the file was on the phone, e.g. Media/DCIM/100APPLE/IMG_0001.HEIC. */
  relativePath: string;
  /**
   * The name to give it back: Photos.sqlite's original file name (ZADDITIONALASSETATTRIBUTES.
   * ZORIGINALFILENAME) when it keeps one, else the camera-roll name (IMG_0001.HEIC).
   */
  name: string;
  /** The last part of relativePath (IMG_0001.HEIC). */
  storedName: string;
  kind: MediaKind;
  /** The bytes `read` gives (decrypted, padding removed). */
  size: number;
  /** False when the backup lists the file but does not hold it, or its key does not open it (notes say which). */
  readable: boolean;
  times: {
    /** When the photo was taken (Photos.sqlite ZDATECREATED), else when the file was created (Manifest.db Birth). */
    createdAt?: string;
    /** Manifest.db LastModified. */
    modifiedAt?: string;
  };
  /**
   * In Recently Deleted (Photos.sqlite ZTRASHEDSTATE = 1): when it was deleted (ZTRASHEDDATE) and
   * when the phone would purge it, 30 days later (the period Apple's iPhone User Guide gives).
   */
  trashed?: { at?: string; purgeAt?: string };
  /** The relativePath of the other half of a Live Photo (the .MOV of a still, the still of a .MOV). */
  livePhotoPair?: string;
  /** Photos.sqlite ZUUID, when the asset has a row. */
  assetUuid?: string;
  /** What was odd about this file (a size that disagrees, a fileID that is not the expected hash…). */
  notes: string[];
}

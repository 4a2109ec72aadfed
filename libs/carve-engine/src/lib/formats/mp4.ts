import { ftypFormat } from './isobmff-format.js';

/**
 * MP4-family video with an ftyp: MP4 (isom, mp41, mp42, avc1, dash…), M4V, QuickTime MOV ('qt  '),
 * 3GP and 3G2. Ends with its last top-level box; complete when the moov is whole and every track's
 * chunks lie inside the file (moov after mdat, as cameras write it, or before it, "faststart").
 * Audio-only brands (M4A, M4B…) are not findings.
 */
export const mp4Format = ftypFormat({
  id: 'mp4',
  extensions: ['mp4', 'm4v', 'mov', '3gp', '3g2'],
  mimeType: 'video/mp4',
  // Cameras split at 4 GiB on FAT32; exFAT cards and phones write single files far larger.
  maxSize: 64 * 1024 * 1024 * 1024,
  family: 'video',
  needs: 'movie',
});

import { CorruptError } from '../errors.js';

export const HFS_SIGNATURE = 0x4244; // 'BD', an HFS master directory block

/** Where an HFS wrapper's embedded HFS+ volume lies, in bytes from the wrapper's start. */
export interface EmbeddedVolume {
  offset: number;
  length: number;
}

/**
 * Reads an HFS master directory block (at byte 1024): null when it is not one or embeds no HFS+
 * volume (plain HFS, which we do not read). Per TN1150 "HFS Wrapper": the embedded volume starts
 * drAlBlSt × 512 + drEmbedExtent.startBlock × drAlBlkSiz bytes in and is drEmbedExtent.blockCount ×
 * drAlBlkSiz bytes long.
 */
export function parseHfsWrapper(mdb: Buffer): EmbeddedVolume | null {
  if (mdb.length < 162 || mdb.readUInt16BE(0) !== HFS_SIGNATURE) return null;
  if (mdb.readUInt16BE(124) !== 0x482b) return null; // drEmbedSigWord 'H+'
  const blockSize = mdb.readUInt32BE(20); // drAlBlkSiz
  const firstBlockSector = mdb.readUInt16BE(28); // drAlBlSt
  const startBlock = mdb.readUInt16BE(126);
  const blockCount = mdb.readUInt16BE(128);
  if (blockSize === 0 || blockSize % 512 !== 0) throw new CorruptError(`HFS wrapper: allocation block size ${blockSize} is not a multiple of 512`);
  if (blockCount === 0) throw new CorruptError('HFS wrapper: the embedded HFS+ extent is empty');
  return { offset: firstBlockSector * 512 + startBlock * blockSize, length: blockCount * blockSize };
}

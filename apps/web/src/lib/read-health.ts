import type { ScanProgress, Source } from '@afterimage/contracts';
import { formatBytes, formatCount } from './format';

/** What the scan page says about sectors a scan could not read. */
export interface ReadHealthView {
  badSectors: number;
  unreadableBytes: number;
  /** Of badSectors, those the imaging map of the image gave. */
  fromMap: number;
  /** Plain sentences for the person. */
  sentences: string[];
  /** A device gave read errors: offer to image it first (rule 2 of DESIGN.md). */
  imageFirst: boolean;
}

const sectors = (n: number) => `${formatCount(n)} sector${n === 1 ? '' : 's'}`;
const were = (n: number) => (n === 1 ? 'was' : 'were');

/** Undefined while every sector read (and the image's map, if any, marks none unread). */
export function readHealthView(progress: ScanProgress | undefined, source: Pick<Source, 'kind'> | undefined): ReadHealthView | undefined {
  const badSectors = progress?.badSectors ?? 0;
  const unreadableBytes = progress?.unreadableBytes ?? 0;
  if (badSectors === 0 && unreadableBytes === 0) return undefined;
  const fromMap = Math.min(progress?.badSectorsFromMap ?? 0, badSectors);
  const met = badSectors - fromMap;
  const at = progress?.firstReadErrorAt;
  const sentences: string[] = [];
  if (source?.kind === 'device') {
    sentences.push(
      `${sectors(badSectors)} of this device could not be read${at !== undefined ? `, the first ${formatBytes(at)} in` : ''}. ` +
        'The scan stops at the first bad sector, so a failing device is read as little as possible: there may be more.',
    );
  } else {
    if (fromMap > 0) {
      sentences.push(
        `${sectors(fromMap)} could not be read from the device when it was imaged: the count comes from the imaging map. ` +
          'They are zeros in the image, and the photos that hold some are marked as damaged.',
      );
    }
    if (met > 0 && source?.kind === 'folder') {
      sentences.push(`${formatCount(met)} file${met === 1 ? '' : 's'} of this folder could not be read and ${were(met)} left out: the drive that holds it may be failing.`);
    } else if (met > 0) {
      sentences.push(`${sectors(met)} of this image could not be read here; the scan went on past them. The drive that holds the image may be failing: copy it elsewhere soon.`);
    }
    if (badSectors === 0) {
      sentences.push(`${formatBytes(unreadableBytes)} of the image ${unreadableBytes === 1 ? 'was' : 'were'} never copied from the device (its imaging did not finish): they are zeros in the image.`);
    }
  }
  return { badSectors, unreadableBytes, fromMap, sentences, imageFirst: source?.kind === 'device' && badSectors > 0 };
}

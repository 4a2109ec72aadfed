import { basename, extname } from 'node:path';
import type { Source } from '@afterimage/contracts';
import { readMapfile } from '../imaging/mapfile-store.js';
import { ImagingRepo } from '../store/imaging-repo.js';
import type { Db } from '../store/open-store.js';
import { AreaSet } from './area-set.js';

/** What the ddrescue map of an image says about the bytes of the device it was copied from. */
export interface ImageMap {
  readonly path: string;
  /** Bytes the imaging could not read (bad sectors, non-trimmed, non-scraped): zeros in the image. */
  readonly bad: AreaSet;
  /** Bytes the imaging never got to (non-tried): zeros in the image, too. */
  readonly notTried: AreaSet;
}

/**
 * Reads the map at `path` for an image of `imageSize` bytes: every area that is not finished, cut to
 * the image (ddrescue leaves an image short when its end was not read). Undefined when there is no
 * file there or it is not a ddrescue map (a damaged one is not guessed at).
 */
export async function readImageMap(path: string, imageSize: number): Promise<ImageMap | undefined> {
  const state = await readMapfile(path).catch(() => undefined);
  if (!state) return undefined;
  const bad = new AreaSet();
  const notTried = new AreaSet();
  for (const block of state.map.blocks) {
    if (block.status === '+' || block.pos >= imageSize) continue;
    const end = Math.min(block.pos + block.size, imageSize);
    (block.status === '?' ? notTried : bad).add(block.pos, end);
  }
  return { path, bad, notTried };
}

/**
 * Where the map of an image may be, most trusted first: the maps of the imaging jobs that wrote it
 * (newest first), then beside it as ddrescue users name them (card.img.map, card.map, card.mapfile,
 * card.log, the older name).
 */
export function mapPathsFor(imagePath: string, store: Db): string[] {
  const jobs = new ImagingRepo(store)
    .all()
    .filter((job) => job.state.imagePath === imagePath)
    .reverse()
    .map((job) => job.state.mapPath);
  const extension = extname(imagePath);
  const stem = extension && basename(imagePath) !== extension ? imagePath.slice(0, -extension.length) : undefined;
  const beside = [`${imagePath}.map`, `${imagePath}.mapfile`, ...(stem ? [`${stem}.map`, `${stem}.mapfile`, `${stem}.log`] : [])];
  return [...new Set([...jobs, ...beside])].filter((path) => path !== imagePath);
}

/** The map of an image source, when it has one (a device imaged by Afterimage or by GNU ddrescue). */
export async function imageMapFor(source: Source, store: Db): Promise<ImageMap | undefined> {
  if (source.kind !== 'image') return undefined;
  for (const path of mapPathsFor(source.path, store)) {
    const map = await readImageMap(path, source.sizeBytes);
    if (map) return map;
  }
  return undefined;
}

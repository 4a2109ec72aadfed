import type { ListedMedia } from './camera-roll.js';
import { extensionOf, isLivePhotoMotion, stemOf } from './media-kind.js';

/**
 * Keeps Live Photo halves together. The phone stores a Live Photo as a still (IMG_0001.HEIC) and a
 * QuickTime movie with the same stem in the same folder (IMG_0001.MOV); Photos.sqlite has one asset
 * for the pair, the still, with ZKINDSUBTYPE 2. A still and a .MOV of one stem are paired when the
 * still's asset says Live Photo or the movie has no asset of its own (a plain video has one). The
 * movie then takes the still's name stem, capture time and Recently Deleted state.
 */
const LIVE_PHOTO_SUBTYPE = 2;

export function* pairLivePhotos(batch: readonly ListedMedia[]): Generator<ListedMedia['media']> {
  const byStem = new Map<string, ListedMedia[]>();
  for (const listed of batch) {
    const stem = stemOf(listed.media.storedName).toLowerCase();
    const group = byStem.get(stem);
    if (group) group.push(listed);
    else byStem.set(stem, [listed]);
  }
  for (const group of byStem.values()) {
    const stills = group.filter((listed) => listed.media.kind === 'photo');
    const movies = group.filter((listed) => isLivePhotoMotion(listed.media.storedName));
    const [still] = stills;
    const [movie] = movies;
    const live = still?.asset?.kindSubtype === LIVE_PHOTO_SUBTYPE;
    if (stills.length === 1 && movies.length === 1 && still && movie && (live || !movie.asset)) join(still, movie);
    else if (live && still && movies.length === 0) {
      still.media.notes.push('Photos.sqlite marks it a Live Photo, but its movie (.MOV) is not in the backup');
    }
  }
  for (const listed of batch) yield listed.media;
}

function join(still: ListedMedia, movie: ListedMedia): void {
  still.media.livePhotoPair = movie.media.relativePath;
  movie.media.livePhotoPair = still.media.relativePath;
  if (movie.asset) return;
  const motion = movie.media;
  motion.name = `${stemOf(still.media.name)}.${motion.storedName.slice(motion.storedName.length - extensionOf(motion.storedName).length)}`;
  if (still.media.times.createdAt) motion.times.createdAt = still.media.times.createdAt;
  if (still.media.trashed) motion.trashed = { ...still.media.trashed };
}

import { BackupError } from '../errors.js';
import { withRetry, type RetryOptions } from '../retry.js';
import type { MediaItem, PhotosLibrary } from './photos-library.js';

/**
 * The target's album and which items it holds by file name, learned from one scan (mediaItems:search) and
 * kept up to date with the items this target creates, so a backup of many files does not page through the
 * whole album for each one. Items found this way are fetched again (mediaItems.get) before use: that gives a
 * fresh baseUrl (they last about 60 minutes) and drops items the user deleted meanwhile.
 */
export class AlbumIndex {
  private album?: string;
  private creating?: Promise<string | undefined>;
  /** Item ids by file name, in album order (oldest first). */
  private byName?: Map<string, string[]>;

  constructor(
    private readonly library: PhotosLibrary,
    private readonly title: string,
    private readonly retry: RetryOptions = {},
  ) {}

  /**
   * The album's id: the first app-created album with this title, created when there is none and `create`.
   * A retry after a lost answer looks for the album again before creating it, so it is made once.
   */
  async albumId(signal?: AbortSignal, create = false): Promise<string | undefined> {
    if (this.album) return this.album;
    const find = (make: boolean) =>
      withRetry(async () => {
        for await (const album of this.library.albums(signal)) if (album.title === this.title) return album.id;
        return make ? (await this.library.createAlbum(this.title, signal)).id : undefined;
      }, { ...this.retry, signal });
    if (!create) return (this.album = await find(false));
    this.creating ??= find(true).finally(() => (this.creating = undefined));
    return (this.album = await this.creating);
  }

  /** The album's id, creating the album when it is not there yet. */
  async ensureAlbum(signal?: AbortSignal): Promise<string> {
    const id = await this.albumId(signal, true);
    if (!id) throw new BackupError(`Google Photos gave no id for the album "${this.title}".`);
    return id;
  }

  /** Every item in the album now, in album order; the index is rebuilt from it. */
  async scan(signal?: AbortSignal): Promise<MediaItem[]> {
    const albumId = await this.albumId(signal);
    const items: MediaItem[] = [];
    if (albumId) for await (const item of this.library.albumItems(albumId, signal)) items.push(item);
    this.byName = new Map();
    for (const item of items) this.byName.set(item.filename, [...(this.byName.get(item.filename) ?? []), item.id]);
    return items;
  }

  /** The items named `name` that are still there, newest first, with fresh baseUrls. */
  async named(name: string, signal?: AbortSignal): Promise<MediaItem[]> {
    if (!this.byName) return (await this.scan(signal)).filter((item) => item.filename === name).reverse();
    const found: MediaItem[] = [];
    for (const id of [...(this.byName.get(name) ?? [])].reverse()) {
      const item = await this.library.item(id, signal);
      if (item) found.push(item);
      else this.byName.set(name, (this.byName.get(name) ?? []).filter((known) => known !== id));
    }
    return found;
  }

  /** An item this target just created. */
  added(item: MediaItem): void {
    if (this.byName) this.byName.set(item.filename, [...(this.byName.get(item.filename) ?? []).filter((id) => id !== item.id), item.id]);
  }
}

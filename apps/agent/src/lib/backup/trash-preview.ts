import { imageThumbnail } from '@afterimage/carve-engine';
import { canPreviewTrash, canTrash, TooLargeError, type TrashedItem } from '@afterimage/cloud-adapters';
import { ServiceError, type BackupTargetConfig, type TrashList, type TrashPreview, type TrashPreviewRequest } from '@afterimage/contracts';
import { describeTarget, toServiceError } from './errors.js';
import { PreviewCache } from './preview-cache.js';
import type { BackupTargets } from './targets.js';
import { listTrash } from './trash.js';

/** Longest edge of each preview size. */
export const PREVIEW_EDGES = { thumb: 256, large: 1024 } as const;
/** At most this much is read from a provider for one preview (a hostile one may send gigabytes). */
export const MAX_PREVIEW_BYTES = 8 * 1024 * 1024;

export interface TrashPreviewsOptions {
  maxBytes?: number;
  /** Previews kept for the agent's life: at most this many, and this many bytes of JPEG. */
  maxEntries?: number;
  maxCacheBytes?: number;
  /** Provider reads at once (the dashboard asks for several thumbnails together). */
  concurrency?: number;
}

type Made = { preview: TrashPreview; keep: boolean };
const none = (reason: string, keep = true): Made => ({ preview: { available: false, reason }, keep });

/**
 * trash.preview: a small JPEG of an item in a target's trash, from what the adapter gives (the
 * provider's thumbnail, or a small photo's own bytes, at most `maxBytes`) shrunk by sharp. Read only:
 * nothing is written to the cloud. Items are looked up in the last listing of that target's trash
 * (one listing is made when there is none). Previews and "no preview" answers are kept in memory,
 * bounded; failures (a provider that did not answer) are not, so a later try can succeed.
 */
export class TrashPreviews {
  private readonly listed = new Map<string, Map<string, TrashedItem>>();
  private readonly cache: PreviewCache<TrashPreview>;
  private readonly inflight = new Map<string, Promise<TrashPreview>>();
  private readonly maxBytes: number;
  private readonly concurrency: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly targets: BackupTargets,
    options: TrashPreviewsOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? MAX_PREVIEW_BYTES;
    this.concurrency = Math.max(1, options.concurrency ?? 3);
    this.cache = new PreviewCache(options.maxEntries ?? 400, options.maxCacheBytes ?? 48 * 1024 * 1024, (p) => (p.available ? p.dataBase64.length : p.reason.length));
  }

  /** The items of a trash listing, to find them again by id (each target's list replaces its last). */
  remember(list: TrashList): void {
    const byTarget = new Map<string, Map<string, TrashedItem>>();
    for (const { targetId, ...item } of list.items) {
      const items = byTarget.get(targetId) ?? new Map<string, TrashedItem>();
      items.set(item.id, item);
      byTarget.set(targetId, items);
    }
    for (const [targetId, items] of byTarget) this.listed.set(targetId, items);
  }

  preview(request: TrashPreviewRequest): Promise<TrashPreview> {
    const size = request.size ?? 'thumb';
    const key = `${request.targetId}\u0000${request.itemId}\u0000${size}`;
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const running = this.inflight.get(key);
    if (running) return running;
    const made = this.make(request.targetId, request.itemId, size).then(({ preview, keep }) => {
      if (keep) this.cache.set(key, preview);
      return preview;
    });
    this.inflight.set(key, made);
    const forget = () => void this.inflight.delete(key);
    made.then(forget, forget);
    return made;
  }

  private async make(targetId: string, itemId: string, size: keyof typeof PREVIEW_EDGES): Promise<Made> {
    const config = this.targets.get(targetId);
    const unusable = await this.targets.unusable(config);
    if (unusable) return none(unusable, false);
    const target = this.targets.instance(config);
    if (!canTrash(target)) return none(target.limits.trash ?? `${describeTarget(config)} has no trash that can be listed.`);
    if (!canPreviewTrash(target)) return none(target.limits.preview ?? `${describeTarget(config)} cannot show pictures of what is in its trash.`);
    const item = await this.itemOf(config, itemId);
    const edge = PREVIEW_EDGES[size];
    const got = await this.slot(() => target.previewTrashed(item, { maxBytes: this.maxBytes, edge })).catch((error: unknown) => {
      if (error instanceof TooLargeError) return 'too large' as const;
      throw toServiceError(error, config);
    });
    if (got === 'too large') return none(`${item.name} is too large to preview here (over ${Math.round(this.maxBytes / (1024 * 1024))} MB, and ${config.title} made no small picture of it).`);
    if (!got) return none(`${config.title} has no picture of ${item.name} (only photos have previews).`);
    try {
      const thumb = await imageThumbnail(got.bytes, { maxEdge: edge });
      return { preview: { available: true, mimeType: 'image/jpeg', dataBase64: thumb.data.toString('base64'), width: thumb.width, height: thumb.height }, keep: true };
    } catch {
      return none(`${item.name} is not a picture this agent can show (${config.title} sent ${got.mimeType ?? 'something else'}).`);
    }
  }

  /** The listed item, else the target's trash listed once more; NOT_FOUND when it is not there. */
  private async itemOf(config: BackupTargetConfig, itemId: string): Promise<TrashedItem> {
    const known = this.listed.get(config.id)?.get(itemId);
    if (known) return known;
    this.remember(await listTrash(this.targets, { targetId: config.id }));
    const item = this.listed.get(config.id)?.get(itemId);
    if (!item) throw new ServiceError('NOT_FOUND', `${itemId} is not in the trash of ${describeTarget(config)} any more.`);
    return item;
  }

  /** Runs `read` when fewer than `concurrency` provider reads are under way. */
  private async slot<T>(read: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await read();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

import { BackupError, TransientError } from '../errors.js';
import { boundedJson, graphFailure, responseFacts } from './graph-failure.js';
import type { DriveItem } from './drive-item.js';

/** What the upload URL answered to a fragment, or to "where are we?". */
export type UploadUrlAnswer =
  /** More is expected from `next` (nextExpectedRanges). */
  | { kind: 'expecting'; next: number }
  /** The last byte arrived: the file is there. */
  | { kind: 'complete'; item: DriveItem }
  /** 404: the session is gone (expired, cancelled, or already completed). */
  | { kind: 'gone' }
  /** 416: the fragment was not where the session stands (it was received before, or out of order). */
  | { kind: 'out-of-range' };

/**
 * The upload URL of a Graph upload session. It is called with plain fetch and no Authorization header,
 * as documented ("Don't include it when you issue the PUT call"); its answers are bounded and checked.
 */
export class UploadUrl {
  constructor(
    readonly url: string,
    private readonly size: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Refuses an upload URL that is not https (http only when the API itself is a local emulator). */
  static check(url: unknown, allowHttp: boolean): string {
    let parsed: URL | undefined;
    try {
      parsed = typeof url === 'string' ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || !(parsed.protocol === 'https:' || (allowHttp && parsed.protocol === 'http:'))) {
      throw new BackupError(`OneDrive handed out an upload URL that is not a secure web address (${String(url).slice(0, 80)}).`);
    }
    return parsed.href;
  }

  /** PUT bytes [start, start + bytes.length) with their Content-Range. */
  send(start: number, bytes: Buffer, signal?: AbortSignal): Promise<UploadUrlAnswer> {
    const headers = { 'content-range': `bytes ${start}-${start + bytes.length - 1}/${this.size}` };
    return this.call('PUT', 'sending part of the file', signal, headers, bytes);
  }

  /** GET: the ranges still missing ("resuming an in-progress upload"). */
  status(signal?: AbortSignal): Promise<UploadUrlAnswer> {
    return this.call('GET', 'asking how much of the file OneDrive has', signal);
  }

  /** DELETE: cancels the session; a failure is not worth reporting (the session expires by itself). */
  async cancel(): Promise<void> {
    await this.fetchImpl(this.url, { method: 'DELETE' }).then((r) => r.body?.cancel(), () => undefined);
  }

  private async call(method: string, what: string, signal?: AbortSignal, headers?: Record<string, string>, body?: Buffer): Promise<UploadUrlAnswer> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, { method, headers, body, signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new TransientError(`The connection to OneDrive dropped while ${what}.`, undefined, { cause: error });
    }
    if (response.status === 404) return (await response.body?.cancel(), { kind: 'gone' });
    if (response.status === 416) return (await response.body?.cancel(), { kind: 'out-of-range' });
    if (response.status === 200 && method === 'GET') return this.expecting(await boundedJson(response));
    if (response.status === 202) return this.expecting(await boundedJson(response));
    if (response.status === 200 || response.status === 201) return { kind: 'complete', item: (await boundedJson(response)) as DriveItem };
    throw graphFailure(await responseFacts(response), what);
  }

  /** The first missing byte from nextExpectedRanges ("start-end" or "start-"), bounded by the file's size. */
  private expecting(body: Record<string, unknown>): UploadUrlAnswer {
    const ranges = body['nextExpectedRanges'];
    const first = Array.isArray(ranges) ? ranges[0] : undefined;
    const match = typeof first === 'string' ? /^(\d{1,16})-(\d{0,16})$/.exec(first) : null;
    const next = match ? Number(match[1]) : NaN;
    if (!Number.isSafeInteger(next) || next < 0 || next >= this.size) {
      throw new BackupError(`OneDrive's upload session reported a missing range outside the file (${JSON.stringify(ranges)?.slice(0, 80)}).`);
    }
    return { kind: 'expecting', next };
  }
}

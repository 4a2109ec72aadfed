import { IntegrityError, TransientError } from '../errors.js';
import type { DropboxClient } from './dropbox-client.js';
import { DOWNLOAD_URL, headerSafeJson, routeFailure } from './dropbox-content-call.js';
import { sizeOf } from './dropbox-metadata.js';

/** Tries in a row that deliver nothing before the download gives up. */
const MAX_STALLS = 3;

/**
 * The bytes of a Dropbox file, streamed from files/download (the SDK would buffer the whole file in
 * memory, so this one call goes through the same authorised fetch directly). The size comes from the
 * Dropbox-API-Result header; a connection lost part-way continues with a Range request from the
 * bytes already delivered, and more bytes than the size are refused.
 */
export async function* downloadFile(client: DropboxClient, full: string, signal?: AbortSignal): AsyncIterable<Buffer> {
  const fetchDropbox = client.fetch(signal);
  let delivered = 0;
  let size: number | undefined;
  let broke: unknown;
  for (let stalls = 0; ; ) {
    const response = await client.call(`Downloading ${full}`, signal, async () => {
      const headers: Record<string, string> = { 'Dropbox-API-Arg': headerSafeJson({ path: full }) };
      if (delivered > 0) headers['Range'] = `bytes=${delivered}-`;
      const answer = await fetchDropbox(DOWNLOAD_URL, { method: 'POST', headers });
      if (answer.status !== 200 && answer.status !== 206) throw await routeFailure(answer);
      return answer;
    });
    if (size === undefined) {
      try {
        size = sizeOf((JSON.parse(response.headers.get('dropbox-api-result') ?? '{}') as { size?: unknown }).size);
      } catch {
        size = undefined;
      }
    }
    let skip = response.status === 200 ? delivered : 0;
    const before = delivered;
    try {
      for await (const part of response.body ?? []) {
        let chunk = Buffer.from(part as Uint8Array);
        if (skip > 0) {
          const dropped = Math.min(skip, chunk.length);
          chunk = chunk.subarray(dropped);
          skip -= dropped;
        }
        if (size !== undefined && delivered + chunk.length > size) throw new IntegrityError(`Dropbox sent more than the ${size} bytes of ${full}.`);
        delivered += chunk.length;
        if (chunk.length > 0) yield chunk;
      }
      if (size === undefined || delivered === size) return;
    } catch (error) {
      signal?.throwIfAborted();
      if (error instanceof IntegrityError) throw error;
      broke = error;
    }
    stalls = delivered > before ? 0 : stalls + 1;
    if (stalls >= MAX_STALLS) throw new TransientError(`The download of ${full} kept breaking off at ${delivered} of ${size ?? '?'} bytes.`, undefined, { cause: broke });
  }
}

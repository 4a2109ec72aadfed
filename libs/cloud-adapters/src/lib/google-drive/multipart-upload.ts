import { Readable } from 'node:stream';
import type { ContentSource } from '../content.js';
import type { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import { FILE_FIELDS, type DriveApi, type DriveFile } from './drive-api.js';

/**
 * A small file in one request: the SDK's multipart upload (metadata and media, POST
 * /upload/drive/v3/files?uploadType=multipart). The media is streamed from the source through `hasher`,
 * so the hashes are of exactly the bytes that went out. One attempt; the caller retries.
 */
export async function multipartAttempt(
  api: DriveApi,
  target: { parentId: string; name: string; mimeType: string },
  content: ContentSource,
  makeHasher: () => SentBytesHash<'sha256' | 'md5'>,
  signal?: AbortSignal,
): Promise<{ file: DriveFile; hasher: SentBytesHash<'sha256' | 'md5'> }> {
  let hasher = makeHasher();
  const file = await api.authorized('upload to Google Drive', signal, async (headers) => {
    hasher = makeHasher();
    const sending = hasher;
    async function* media() {
      for await (const chunk of content.read(0, content.size)) {
        const at = sending.hashed;
        await sending.advance(at + chunk.length, { start: at, bytes: chunk });
        yield chunk;
      }
    }
    const res = await (await api.sdk()).files.create(
      {
        requestBody: { name: target.name, parents: [target.parentId], mimeType: target.mimeType },
        media: { mimeType: target.mimeType, body: Readable.from(media()) },
        fields: FILE_FIELDS,
      },
      api.options(headers, signal),
    );
    return res.data;
  });
  return { file, hasher };
}

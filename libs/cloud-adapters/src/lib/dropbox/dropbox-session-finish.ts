import { hasTag, routeErrorOf } from './dropbox-errors.js';
import { contentHashOf, sizeOf, type DropboxFileFields } from './dropbox-metadata.js';
import { correctOffset, lost, SessionLost } from './dropbox-session-offsets.js';
import type { SavedSession } from './dropbox-session-store.js';
import type { Digests, SessionUpload } from './dropbox-session-upload.js';

/**
 * Commits the session (files/upload_session/finish, mode overwrite, with the content_hash of what was
 * sent): the stored file's metadata, or the offset to continue from when Dropbox holds fewer bytes. A
 * retry (after an answer that was lost) and a session Dropbox no longer knows both look at the file
 * at the path first: if it is the one just sent, the earlier finish went through, and it is not
 * committed a second time.
 */
export function finishSession(upload: SessionUpload, session: SavedSession, sent: Digests): Promise<DropboxFileFields | number> {
  const size = upload.content.size;
  const ours = (there: DropboxFileFields | undefined) => (there && sizeOf(there.size) === size && contentHashOf(there.content_hash) === sent['dropbox'] ? there : undefined);
  return upload.client.call(`Finishing the upload of ${upload.full}`, upload.options.signal, async (dropbox, attempt) => {
    if (attempt > 1) {
      const there = ours(await upload.stat(dropbox));
      if (there) return there;
    }
    try {
      const commit = { path: upload.full, mode: { '.tag': 'overwrite' as const }, autorename: false, mute: true };
      const { result } = await dropbox.filesUploadSessionFinish({ cursor: { session_id: session.sessionId, offset: size }, commit, content_hash: sent['dropbox'], contents: Buffer.alloc(0) });
      return result as DropboxFileFields;
    } catch (error) {
      const route = routeErrorOf(error);
      if (hasTag(route, 'incorrect_offset')) {
        const offset = correctOffset(route, size);
        if (offset < size) return offset;
        throw new SessionLost(`Dropbox holds more of ${upload.full} than was sent.`, { cause: error });
      }
      if (!lost(route)) throw error;
      const there = ours(await upload.stat(dropbox));
      if (there) return there;
      throw new SessionLost(`Dropbox no longer has the upload session of ${upload.full}.`, { cause: error });
    }
  });
}

import type { Lacking, PhotoBackupStatus } from '@afterimage/contracts';
import { Fragment, useState } from 'react';
import { formatBytes } from '../../lib/format';

export const LACKING_WORDS: Record<Lacking, string> = { copies: 'more copies', media: 'a second kind of media', offsite: 'an offsite copy' };

/** Copies as 3-2-1 counts them: each recovered file once, each backup target once. */
export const copyCount = (photo: PhotoBackupStatus) => new Set(photo.copies.map((c) => (c.kind === 'recovered' ? `file:${c.location}` : `target:${c.targetId}`))).size;

/** One photo: its copies, media, offsite, and what it lacks; "Where" lists every copy. */
/** How a checked copy's hash kind reads; the exact kind and value are in the tooltip. */
const HASH_WORDS: Partial<Record<string, string>> = {
  'sha256-no-gps': 'sha256 but for the location Google Photos drops',
  dropbox: 'Dropbox content hash',
  quickxor: 'OneDrive QuickXorHash',
};

export function PhotoRow({ photo, targetName }: { photo: PhotoBackupStatus; targetName: (id: string) => string }) {
  const [open, setOpen] = useState(false);
  const count = copyCount(photo);
  const detailsId = `copies-${photo.sha256.slice(0, 16)}`;
  return (
    <Fragment>
      <tr className={photo.meets321 ? 'is-met' : 'is-short'} data-testid="photo-row" data-sha256={photo.sha256} data-meets={photo.meets321} data-copies={count}>
        <th scope="row" className="photo-name">
          <span title={photo.name}>{photo.name}</span>
          <small>{formatBytes(photo.size)}</small>
        </th>
        <td data-label="Copies" className={count >= 3 ? 'ok' : 'short'}>
          {count} of 3
        </td>
        <td data-label="Media">{photo.media.map((m) => (m === 'cloud' ? 'Cloud' : 'Disk')).join(' + ') || 'none'}</td>
        <td data-label="Offsite" className={photo.offsite ? 'ok' : 'short'}>
          {photo.offsite ? 'Yes' : 'No'}
        </td>
        <td data-label="3-2-1" data-testid="photo-verdict">
          {photo.meets321 ? <span className="badge badge-complete">Meets 3-2-1</span> : <span className="badge badge-truncated">Needs {photo.lacking.map((l) => LACKING_WORDS[l]).join(', ')}</span>}
        </td>
        <td className="photo-more">
          <button type="button" className="btn btn-quiet" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
            {open ? 'Hide copies' : 'Where?'}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="copies-row" id={detailsId}>
          <td colSpan={6}>
            <ul className="copy-list">
              {photo.copies.map((c) => (
                <li key={`${c.targetId}:${c.location}`}>
                  <span className="copy-where">{c.kind === 'recovered' ? 'Recovered file' : targetName(c.targetId)}</span>
                  <span className="copy-path">{c.location}</span>
                  <span className="file-hash" title={`${c.hashKind} ${c.verifiedHash}`}>
                    {HASH_WORDS[c.hashKind] ?? c.hashKind} ✓
                  </span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

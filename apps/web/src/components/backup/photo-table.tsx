import type { BackupStatus, BackupStatusShow } from '@afterimage/contracts';
import { useId } from 'react';
import { PHOTO_PAGE, type PhotoQuery } from '../../lib/use-backup-status';
import { Notice } from '../notice';
import { Pager } from './pager';
import { PhotoRow } from './photo-row';

const FILTERS: readonly { id: BackupStatusShow; label: string; count: (t: BackupStatus['totals']) => number }[] = [
  { id: 'all', label: 'All', count: (t) => t.photos },
  { id: 'lacking', label: 'Need something', count: (t) => t.photos - t.meets321 },
  { id: 'meets', label: 'Meet 3-2-1', count: (t) => t.meets321 },
];

/** One page of the photos' 3-2-1 state, filtered by verdict and name; the agent pages, counts and sorts. */
export function PhotoTable({ status, query, onQuery, targetName }: { status: BackupStatus; query: PhotoQuery; onQuery: (change: Partial<PhotoQuery>) => void; targetName: (id: string) => string }) {
  const id = useId();
  const { matching, offset } = status.page;
  const pages = Math.max(1, Math.ceil(matching / PHOTO_PAGE));
  return (
    <div className="photo-table" data-testid="photo-table" data-matching={matching} data-page={query.page}>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" className={`seg${f.id === query.show ? ' is-on' : ''}`} aria-pressed={f.id === query.show} onClick={() => onQuery({ show: f.id })} data-testid={`filter-${f.id}`}>
              {f.label} ({f.count(status.totals)})
            </button>
          ))}
        </div>
        <label htmlFor={`${id}-q`} className="sr-only">
          Find a photo by name
        </label>
        <input id={`${id}-q`} className="input search" type="search" placeholder="Find by name" value={query.name} onChange={(e) => onQuery({ name: e.target.value })} data-testid="photo-search" />
      </div>
      {status.photos.length === 0 ? (
        <Notice tone="empty">
          <p>No photo matches.</p>
        </Notice>
      ) : (
        <div className="table-wrap">
          <table className="keep-table">
            <caption className="sr-only">Each recovered photo and its copies</caption>
            <thead>
              <tr>
                <th scope="col">Photo</th>
                <th scope="col">Copies</th>
                <th scope="col">Media</th>
                <th scope="col">Offsite</th>
                <th scope="col">3-2-1</th>
                <th scope="col">
                  <span className="sr-only">Copies</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.photos.map((p) => (
                <PhotoRow key={p.sha256} photo={p} targetName={targetName} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pages={pages} from={offset} to={offset + status.photos.length} total={matching} noun="photos" onPage={(page) => onQuery({ page: Math.max(0, Math.min(pages - 1, page)) })} />
    </div>
  );
}

import type { PhotoBackupStatus } from '@afterimage/contracts';
import { useId, useMemo, useState } from 'react';
import { usePaging } from '../../lib/use-backup-paging';
import { Notice } from '../notice';
import { Pager } from './pager';
import { PhotoRow } from './photo-row';

const PAGE_SIZE = 25;
type Filter = 'all' | 'short' | 'met';
const FILTERS: readonly { id: Filter; label: string; keep: (p: PhotoBackupStatus) => boolean }[] = [
  { id: 'all', label: 'All', keep: () => true },
  { id: 'short', label: 'Need something', keep: (p) => !p.meets321 },
  { id: 'met', label: 'Meet 3-2-1', keep: (p) => p.meets321 },
];

/** Every photo's 3-2-1 state, filtered by name and verdict, a page at a time. */
export function PhotoTable({ photos, targetName }: { photos: PhotoBackupStatus[]; targetName: (id: string) => string }) {
  const id = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const keep = FILTERS.find((f) => f.id === filter)?.keep ?? (() => true);
    return photos.filter((p) => keep(p) && (!q || p.name.toLowerCase().includes(q)));
  }, [photos, filter, query]);
  const paging = usePaging(shown, PAGE_SIZE, `${filter}:${query}`);
  return (
    <div className="photo-table" data-testid="photo-table">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" className={`seg${f.id === filter ? ' is-on' : ''}`} aria-pressed={f.id === filter} onClick={() => setFilter(f.id)} data-testid={`filter-${f.id}`}>
              {f.label} ({photos.filter(f.keep).length})
            </button>
          ))}
        </div>
        <label htmlFor={`${id}-q`} className="sr-only">
          Find a photo by name
        </label>
        <input id={`${id}-q`} className="input search" type="search" placeholder="Find by name" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {shown.length === 0 ? (
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
              {paging.slice.map((p) => (
                <PhotoRow key={p.sha256} photo={p} targetName={targetName} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager {...paging} noun="photos" onPage={paging.setPage} />
    </div>
  );
}

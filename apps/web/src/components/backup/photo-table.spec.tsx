import type { BackupStatus, PhotoBackupStatus } from '@afterimage/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PhotoTable } from './photo-table';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const photo = (n: number): PhotoBackupStatus => ({
  sha256: sha(n),
  name: `IMG_${String(n).padStart(6, '0')}.JPG`,
  size: 2048,
  copies: [{ sha256: sha(n), kind: 'recovered', targetId: 'rec-1', location: `/r/IMG_${n}.JPG`, medium: 'disk', offsite: false, verifiedHash: sha(n), hashKind: 'sha256', copiedAt: 'x' }],
  media: ['disk'],
  offsite: false,
  meets321: false,
  lacking: ['copies', 'media', 'offsite'],
});
/** The second page of 25 of 100,000 photos, 30,000 of which meet 3-2-1, as the agent sends it. */
const status: BackupStatus = {
  photos: Array.from({ length: 25 }, (_, i) => photo(25 + i)),
  page: { offset: 25, limit: 25, matching: 100_000 },
  held: {},
  totals: { photos: 100_000, meets321: 30_000, lacking: { copies: 70_000, media: 70_000, offsite: 70_000 }, bytes: 2048e5 },
  targets: [],
};
const render = (s: BackupStatus, page: number, show: 'all' | 'lacking' | 'meets' = 'all') =>
  renderToStaticMarkup(<PhotoTable status={s} query={{ page, show, name: '' }} onQuery={() => undefined} targetName={(id) => id} />);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the per-photo table, a page the agent sent', () => {
  it('shows the page’s rows, where it is among all the photos that match, and each filter’s count from the totals', () => {
    const html = render(status, 1);
    expect(html.match(/data-testid="photo-row"/g)).toHaveLength(25);
    expect(text(html)).toContain('26–50 of 100000 photos');
    expect(text(html)).toContain('All (100000)');
    expect(text(html)).toContain('Need something (70000)');
    expect(text(html)).toContain('Meet 3-2-1 (30000)');
    expect(html).toContain('data-matching="100000"');
    expect(html).toMatch(/aria-pressed="true"[^>]*data-testid="filter-all"/);
  });

  it('says when no photo matches, and shows no pager for a single page', () => {
    const none = render({ ...status, photos: [], page: { offset: 0, limit: 25, matching: 0 } }, 0, 'meets');
    expect(text(none)).toContain('No photo matches.');
    expect(none).not.toContain('data-testid="pager"');
    expect(none).toMatch(/aria-pressed="true"[^>]*data-testid="filter-meets"/);
  });
});

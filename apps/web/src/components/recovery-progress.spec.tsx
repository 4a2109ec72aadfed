import type { RecoveryJob } from '@afterimage/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FollowedRecovery } from '../lib/use-recovery-job';
import { RecoveryProgress } from './recovery-progress';

const job: RecoveryJob = {
  id: 'rec-1',
  scanId: 'scan-1',
  destination: '/media/me/Backup/Recovered',
  status: 'running',
  startedAt: '2024-06-15T08:00:00Z',
  progress: { filesTotal: 10, filesDone: 3, recovered: 2, failed: 1, bytesTotal: 40e6, bytesDone: 10e6, current: 'IMG_0004.JPG' },
};
const running: FollowedRecovery = {
  job,
  progress: job.progress,
  failures: [{ findingId: 'f-2', name: 'IMG_0002.JPG', reason: 'The source ended before IMG_0002.JPG did.' }],
  cancelling: false,
  reconnecting: false,
};

const render = (run: FollowedRecovery) => renderToStaticMarkup(<RecoveryProgress run={run} onCancel={() => undefined} />);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the recovery as it goes', () => {
  it('shows files and bytes done on a determinate bar, the file in hand, each failure in words, and Cancel', () => {
    const html = render(running);
    expect(html).toContain('data-files-done="3"');
    expect(html).toContain('aria-valuenow="3"');
    expect(html).toContain('aria-valuemax="10"');
    expect(html).toContain('width:25%');
    const words = text(html);
    expect(words).toContain('Files 3 of 10');
    expect(words).toContain('Written 10.0 MB of 40.0 MB');
    expect(words).toContain('Now: IMG_0004.JPG');
    expect(words).toContain('1 photo could not be recovered so far: IMG_0002.JPG : The source ended before IMG_0002.JPG did.');
    expect(words).toContain('Cancel the recovery');
  });

  it('says it is stopping once cancel was asked', () => {
    const words = text(render({ ...running, cancelling: true }));
    expect(words).toContain('Stopping after the file in hand');
    expect(words).toContain('Cancelling…');
  });

  it('keeps the end in view: N of N done, no Cancel; a cancelled one says what was kept', () => {
    const progress = { ...job.progress!, filesDone: 10, recovered: 10, failed: 0, bytesDone: 40e6 };
    delete progress.current;
    const done = render({ ...running, failures: [], job: { ...job, status: 'done', progress }, progress });
    expect(text(done)).toContain('Done: 10 of 10 photos copied and checked');
    expect(done).toContain('width:100%');
    expect(done).not.toContain('recovery-cancel');
    expect(done).not.toContain('Now:');
    const cancelled = render({ ...running, job: { ...job, status: 'cancelled' } });
    expect(text(cancelled)).toContain('Cancelled after 3 of 10: the copies verified until then are kept');
    expect(cancelled).not.toContain('recovery-cancel');
  });

  it('says why a recovery stopped', () => {
    const words = text(render({ ...running, job: { ...job, status: 'failed', error: 'The agent stopped during this recovery; report.json lists the files verified before.' } }));
    expect(words).toContain('The recovery did not finish.');
    expect(words).toContain('The agent stopped during this recovery');
  });
});

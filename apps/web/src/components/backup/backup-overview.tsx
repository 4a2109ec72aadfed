import type { BackupStatus, Lacking } from '@afterimage/contracts';
import { formatBytes, plural } from '../../lib/format';

const RULES: readonly { part: Lacking; title: string; what: string }[] = [
  { part: 'copies', title: '3 copies', what: 'the recovered file and two backups' },
  { part: 'media', title: '2 kinds of media', what: 'a disk and a cloud' },
  { part: 'offsite', title: '1 offsite', what: 'one copy kept at another address' },
];

/** How many photos meet 3-2-1, and which part of the rule the others lack. */
export function BackupOverview({ status }: { status: BackupStatus }) {
  const { photos, meets321, lacking, bytes } = status.totals;
  const pct = photos > 0 ? Math.round((meets321 / photos) * 100) : 0;
  const all = photos > 0 && meets321 === photos;
  return (
    <div className="overview" data-testid="backup-overview" data-photos={photos} data-meets={meets321}>
      <div className={`overview-ring${all ? ' is-done' : ''}`} style={{ ['--pct' as string]: `${pct}%` }} role="img" aria-label={`${meets321} of ${photos} photos meet 3-2-1`}>
        <span className="overview-count">
          {meets321}
          <small>of {photos}</small>
        </span>
      </div>
      <div className="overview-text">
        <p className="overview-title" data-testid="backup-headline">
          {all ? `Every photo meets 3-2-1 (${plural(photos, 'photo')}, ${formatBytes(bytes)})` : `${meets321} of ${plural(photos, 'recovered photo')} meet 3-2-1`}
        </p>
        <ul className="rule-list">
          {RULES.map((rule) => {
            const short = lacking[rule.part];
            return (
              <li key={rule.part} className={short === 0 ? 'is-met' : 'is-short'} data-testid={`rule-${rule.part}`} data-lacking={short}>
                <span className="rule-mark" aria-hidden />
                <span>
                  <strong>{rule.title}</strong> <span className="rule-what">({rule.what})</span>:{' '}
                  {short === 0 ? 'every photo has it' : `${plural(short, 'photo')} ${short === 1 ? 'lacks' : 'lack'} it`}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

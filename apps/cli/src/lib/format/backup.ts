import type { BackupAdapter, BackupJobState, BackupProgress, BackupStatus, BackupTargetConfig, Lacking, PhotoBackupStatus } from '@afterimage/contracts';
import { renderTable } from './table.js';
import { formatBar, formatBytes, formatTime } from './units.js';

const WORDS: Record<Lacking, string> = { copies: 'a third copy', media: 'a second kind of medium', offsite: 'an offsite copy' };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a third copy, an offsite copy". */
export const lackingWords = (lacking: readonly Lacking[]) => lacking.map((l) => WORDS[l]).join(', ');

/** A bar, files done of all, bytes, and failures so far. */
export function backupProgressLine(p: BackupProgress, width = 20): string {
  const done = p.uploaded + p.alreadyThere + p.failed;
  const fraction = p.bytesTotal > 0 ? Math.min(p.bytesDone / p.bytesTotal, 1) : p.filesTotal > 0 ? done / p.filesTotal : 1;
  return [
    formatBar(fraction, width),
    `${done}/${p.filesTotal} files`,
    `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`,
    p.failed > 0 ? `${p.failed} failed` : '',
  ]
    .filter(Boolean)
    .join('  ');
}

/** One line per target: id, what and where, the account (as people know it), medium, onsite or offsite. */
export function targetsTable(targets: readonly BackupTargetConfig[]): string {
  const rows = targets.map((t) => [t.id, t.kind, t.root, t.accountTitle ?? t.account ?? '', t.medium, t.offsite ? 'offsite' : 'onsite', formatTime(t.addedAt)]);
  return renderTable([{ header: 'TARGET' }, { header: 'KIND' }, { header: 'WHERE', max: 60 }, { header: 'ACCOUNT', max: 30 }, { header: 'MEDIUM' }, { header: 'PLACE' }, { header: 'ADDED' }], rows);
}

const photoRow = (p: PhotoBackupStatus) => [p.name, formatBytes(p.size), String(p.copies.length), p.media.join('+'), p.offsite ? 'yes' : 'no', p.meets321 ? 'yes' : `no: needs ${lackingWords(p.lacking)}`];

/** Which photos of how many the table shows, when it is not all of them. */
function shownLine(status: BackupStatus, filtered: boolean): string | undefined {
  const { offset, matching } = status.page;
  const shown = status.photos.length;
  if (shown === matching && offset === 0 && !filtered) return undefined;
  if (shown === 0) return filtered ? 'No photo matches.' : undefined;
  const of = filtered ? `${matching} that match` : String(matching);
  return `Photos ${offset + 1}–${offset + shown} of ${of}, by name${offset + shown < matching ? " ('--all' lists every one)" : ''}.`;
}

/** The kinds of target the agent can add: one row each, then what each cannot do. */
export function adaptersReport(adapters: readonly BackupAdapter[]): string {
  const rows = adapters.map((a) => [
    a.kind,
    a.title,
    a.account ? `a ${a.account} account (--account), ROOT: ${a.root.label.toLowerCase()}` : `ROOT: ${a.root.absolutePath ? 'a full folder path' : a.root.label.toLowerCase()}`,
    a.medium,
    a.offsite === 'always' ? 'always' : 'with --offsite',
  ]);
  const table = renderTable([{ header: 'KIND' }, { header: 'NAME' }, { header: 'NEEDS', max: 60 }, { header: 'MEDIUM' }, { header: 'OFFSITE' }], rows);
  const limits = adapters.flatMap((a) => Object.values(a.limits).map((sentence) => `  ${a.kind}: ${sentence}`));
  return limits.length > 0 ? `${table}\n\nWhat some cannot do:\n${limits.join('\n')}` : table;
}

/** The status as people read it: a headline, one row per photo shown, then the targets. */
export function statusReport(status: BackupStatus, options: { filtered?: boolean } = {}): string {
  const { totals } = status;
  if (totals.photos === 0) return "No recovered photos yet: recover some with 'afterimage recover SOURCE --out DIR', then back them up.";
  const short = (['copies', 'media', 'offsite'] as const).filter((l) => totals.lacking[l] > 0).map((l) => `${WORDS[l]}: ${totals.lacking[l]}`);
  const headline = `${plural(totals.photos, 'photo')} (${formatBytes(totals.bytes)}): ${totals.meets321} meet 3-2-1${short.length ? `; lacking ${short.join(', ')}` : ''}.`;
  const shown = shownLine(status, options.filtered ?? false);
  const rows = renderTable(
    [{ header: 'PHOTO', max: 40 }, { header: 'SIZE', align: 'right' }, { header: 'COPIES', align: 'right' }, { header: 'MEDIA' }, { header: 'OFFSITE' }, { header: '3-2-1' }],
    status.photos.map(photoRow),
  );
  const table = status.photos.length > 0 ? (shown ? `${rows}
${shown}` : rows) : (shown ?? rows);
  const targets = status.targets.length > 0 ? `Backup targets:\n${targetsTable(status.targets)}` : "No backup targets yet: add one with 'afterimage backup targets add local-folder DIR'.";
  const next = totals.meets321 < totals.photos ? "\nRun 'afterimage backup run' to copy what the targets can fix." : '';
  return `${headline}\n\n${table}\n\n${targets}${next}`;
}

/** "A backup is running: bak-1 (3 of 24 copies done, 1 MB of 9 MB); follow it with …". */
export function runningJobLine(job: BackupJobState): string {
  const p = job.progress;
  const done = p.uploaded + p.alreadyThere + p.failed;
  const far = p.filesTotal > 0 ? `${done} of ${plural(p.filesTotal, 'copy', 'copies')} done, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : 'working out what each photo lacks';
  return `A backup is running: ${job.id} (${far}); follow it with 'afterimage backup run'.`;
}

/** The last lines of `afterimage backup run`: counts, failures with reasons, what nothing could fix. */
export function runSummary(state: BackupJobState): string {
  const p = state.progress;
  const lines = [`Backup ${state.id} ${state.status}: ${p.uploaded} uploaded, ${p.alreadyThere} already there, ${p.failed} failed (${formatBytes(p.bytesDone)}); every copy's hash checked.`];
  if (state.resumed > 0) lines.push(`(It went on after the agent was restarted ${plural(state.resumed, 'time')}.)`);
  for (const f of state.failures) lines.push(`  FAILED ${f.name} → ${f.targetId}: ${f.reason ?? 'no reason given'}`);
  for (const note of state.notes) lines.push(`  ${note}`);
  if (state.after) lines.push(`${state.after.meets321} of ${plural(state.after.photos, 'photo')} meet 3-2-1 (three copies, two kinds of media, one offsite).`);
  if (state.error) lines.push(state.error);
  return lines.join('\n');
}

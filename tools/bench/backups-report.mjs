// The `backups` section's table, in the bench's style (report.mjs, agent-report.mjs).
import { availableParallelism } from 'node:os';

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const dash = (x, f) => (x === undefined ? '—' : f(x));
const SHORT = { 'rate-limit': '429', 'server-error': '500', 'cut-request': 'cut', 'drop-response': 'drop', 'expire-session': 'exp' };
const bytes = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`);

function faultsCell(r) {
  if (!r.faulty) return '—';
  const parts = Object.entries(r.faultsInjected).map(([kind, n]) => `${SHORT[kind] ?? kind} ${n}`);
  return `${r.faults}: ${parts.join(', ')}`;
}

function secondCell(r) {
  const s = r.second;
  if (s.requestsPerFile === undefined) return `${s.rewritten} rewritten`;
  return `${s.requestsPerFile.toFixed(2)} req/f, ${bytes(s.bytesSent)} sent, ${bytes(s.bytesReceived)} received`;
}

export function formatBackups(result) {
  const head =
    `${pad('target', 14)} ${pad('run', 11)} ${lpad('files', 5)} ${lpad('s', 6)} ${lpad('files/s', 7)} ${lpad('MB/s', 6)} ${lpad('req/file', 8)} ${lpad('sent/stored', 11)} ` +
    `${pad('faults injected', 44)} ${lpad('failed req', 10)} ${lpad('extra req', 9)} ${lpad('lost', 4)} ${lpad('dup', 4)} ${lpad('failed', 6)} ${lpad('stored', 6)}  second pass`;
  const lines = [head, '-'.repeat(head.length + 22)];
  for (const r of result.runs) {
    lines.push(
      `${pad(r.kind, 14)} ${pad(r.run, 11)} ${lpad(r.files, 5)} ${lpad(r.seconds.toFixed(1), 6)} ${lpad(r.filesPerSecond.toFixed(0), 7)} ${lpad(r.mbPerSecond.toFixed(1), 6)} ` +
        `${lpad(dash(r.requestsPerFile, (x) => x.toFixed(2)), 8)} ${lpad(dash(r.sentPerStored, (x) => `×${x.toFixed(4)}`), 11)} ${pad(faultsCell(r), 44)} ` +
        `${lpad(dash(r.failedRequests, String), 10)} ${lpad(dash(r.extraRequests, (x) => (x >= 0 ? `+${x}` : String(x))), 9)} ${lpad(r.lost, 4)} ${lpad(r.duplicated, 4)} ${lpad(r.failed, 6)} ${lpad(r.stored.files, 6)}  ${secondCell(r)}`,
    );
  }
  lines.push(
    '',
    `${result.count} files, ${bytes(result.files.bytes)} (${result.files.made}), ${result.parallel} puts at a time; faults: each request at ${result.faultRate * 100} % (seed ${result.seed}) one of ${result.faultKinds.join(', ')}, Retry-After 1 s.`,
    `req/file = the emulator's requests ÷ files; sent/stored = request-body bytes the emulator received ÷ bytes of the files; failed req = requests answered 429/5xx, cut, dropped or expired (each one an adapter had to repeat); extra req = requests beyond the run without faults; stored = files in the emulator's own store (Drive: trashed too; Dropbox: deleted too).`,
    `Checked after each run, faults off: ${result.check}. Second pass: the same files again through a new target instance, no faults.`,
  );
  lines.push(`Stores after the first pass: ${result.runs.filter((r) => r.requests !== undefined).map((r) => `${r.kind} (${r.run}) ${r.stored.files} files, ${r.stored.note}`).join('; ')}.`);
  for (const t of result.targets) lines.push(`${t.name}: ${t.met ? 'met' : `MISSED — ${t.missedBy.join('; ')}`}`);
  const errors = result.runs.filter((r) => r.errors.length || r.second.errors.length || r.lostFiles.length || r.duplicatedPaths.length);
  for (const r of errors) {
    lines.push(`  ${r.kind} (${r.run}):`);
    for (const e of [...r.errors, ...r.second.errors]) lines.push(`    ${e.count}× ${e.error} (${e.files.join(', ')})`);
    for (const l of r.lostFiles) lines.push(`    lost ${l.path}: ${l.why}`);
    if (r.duplicatedPaths.length) lines.push(`    duplicated: ${r.duplicatedPaths.join(', ')}`);
  }
  lines.push('', 'Requests per file by route, without faults (first pass | second pass):');
  for (const r of result.runs.filter((x) => x.routes && !x.faulty)) {
    const per = (routes) => Object.entries(routes).map(([route, n]) => `${route} ${(n / r.files).toFixed(2)}`).join(', ');
    lines.push(`  ${pad(r.kind, 14)} ${per(r.routes)} | ${per(r.second.routes)}`);
  }
  lines.push(`machine load (1-min average, ${availableParallelism()} CPUs): ${result.loadAverage.before.toFixed(1)} before, ${result.loadAverage.after.toFixed(1)} after; the emulators run in the bench's own process and share its CPU`);
  return lines.join('\n');
}

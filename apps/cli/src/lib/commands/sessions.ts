import { parseArgs } from 'node:util';
import type { ImagingState, ScanState, Source } from '@afterimage/contracts';
import { EXIT } from '../exit-codes.js';
import { printJson, printLines } from '../format/output.js';
import { renderTable } from '../format/table.js';
import { formatPercent, formatTime } from '../format/units.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const SESSIONS_HELP = `Usage: afterimage sessions [--json] [--agent URL] [--home DIR]

Lists the scans the agent keeps (running, paused, done, failed), newest first, and its imaging
jobs. Both outlive the agent (they are in HOME/afterimage.db); an imaging job that was running
when its agent stopped goes on from its map file when an agent starts again on that home.

  --json            print {"scans": [...], "imaging": [...], "sources": [...]} as JSON
${AGENT_OPTIONS_HELP}

Examples:
  afterimage sessions
  afterimage sessions --json | jq -r '.scans[] | select(.status == "paused") | .id'
  afterimage scan --resume "$(afterimage sessions --json | jq -r '.scans[0].id')"`;

const newestFirst = <T extends { startedAt: string }>(items: readonly T[]) => [...items].sort((a, b) => b.startedAt.localeCompare(a.startedAt));

function scanTable(scans: readonly ScanState[], sources: ReadonlyMap<string, Source>): string {
  const rows = scans.map((s) => [
    s.id,
    sources.get(s.sourceId)?.path ?? s.sourceId,
    s.status,
    formatTime(s.startedAt),
    formatPercent(s.progress.bytesDone, s.progress.bytesTotal).trim(),
    String(s.findingCount),
  ]);
  const columns = [{ header: 'SCAN' }, { header: 'SOURCE', max: 50 }, { header: 'STATUS' }, { header: 'STARTED' }, { header: 'DONE', align: 'right' as const }, { header: 'FINDINGS', align: 'right' as const }];
  return renderTable(columns, rows);
}

function imagingTable(jobs: readonly ImagingState[], sources: ReadonlyMap<string, Source>): string {
  const rows = jobs.map((j) => [
    j.id,
    sources.get(j.sourceId)?.path ?? j.sourceId,
    j.imagePath,
    j.status,
    formatTime(j.startedAt),
    j.progress ? formatPercent(j.progress.bytesRescued, j.progress.deviceSize).trim() : '',
    j.progress ? String(j.progress.errors) : '',
  ]);
  const columns = [{ header: 'IMAGING' }, { header: 'SOURCE', max: 30 }, { header: 'IMAGE', max: 50 }, { header: 'STATUS' }, { header: 'STARTED' }, { header: 'RESCUED', align: 'right' as const }, { header: 'BAD AREAS', align: 'right' as const }];
  return renderTable(columns, rows);
}

export async function sessionsCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...AGENT_OPTIONS, json: { type: 'boolean', default: false } } });
  if (values.help) {
    printLines(out, SESSIONS_HELP);
    return EXIT.ok;
  }
  const { scans, imaging, sources } = await withAgent(values, async ({ client }) => {
    const [s, i, src] = await Promise.all([client.scans.list.query(), client.imaging.list.query(), client.sources.list.query()]);
    return { scans: newestFirst(s), imaging: newestFirst(i), sources: src };
  });
  if (values.json) {
    printJson(out, { scans, imaging, sources });
    return EXIT.ok;
  }
  const byId = new Map(sources.map((s) => [s.id, s]));
  printLines(out, scans.length > 0 ? scanTable(scans, byId) : 'No scans yet: start one with afterimage scan SOURCE.');
  if (imaging.length > 0) printLines(out, '', imagingTable(imaging, byId));
  return EXIT.ok;
}

import { parseArgs } from 'node:util';
import type { Finding, FindingsPage } from '@afterimage/contracts';
import { CliError, EXIT } from '../exit-codes.js';
import { printJson, printLines } from '../format/output.js';
import { renderTable } from '../format/table.js';
import { formatBytes, formatTime } from '../format/units.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';
import { findingsRequest } from './findings-request.js';

export const FINDINGS_HELP = `Usage: afterimage findings SCAN_ID [filters] [--sort KEY] [--desc] [--limit N] [--offset N] [--json]

Lists what a scan found (it may still be running), one page at a time, with the total that
matches. Lists are comma-separated and an option may be repeated.

  --type LIST          formats: jpeg, cr2, heic, mp4, …
  --origin LIST        deleted, live, lost
  --found-by LIST      filesystem, carving, both
  --state LIST         complete, truncated, corrupt
  --confidence LIST    high, medium, low
  --trash LIST         from a trash: any, none, iphone-recently-deleted, android-trash,
                       android-pending, recycle-bin
  --camera TEXT        camera make or model contains TEXT (any case)
  --taken-from DATE    EXIF date taken on or after DATE (2024-06-15 or 2024-06-15T14:30)
  --taken-to DATE      … on or before DATE (a whole day counts to its end)
  --min-size SIZE      at least SIZE bytes (20000, 500K, 2MB)
  --max-size SIZE      at most SIZE bytes
  --text TEXT          name or original path contains TEXT (any case)
  --sort KEY           offset (default, the order on the source), name, takenAt, size, format
  --desc               sort in descending order
  --limit N            findings per page, 1-1000 (default 200)
  --offset N           skip the first N that match (for the next page)
  --json               print the page as JSON: {"total", "offset", "findings": [...]}
${AGENT_OPTIONS_HELP}

Examples:
  afterimage findings scan-1a2b3c4d
  afterimage findings scan-1a2b3c4d --origin deleted --type jpeg --sort name
  afterimage findings scan-1a2b3c4d --camera canon --taken-from 2024-06-01 --json | jq '.total'`;

const COLUMNS = [
  { header: 'NAME', max: 36 },
  { header: 'TYPE' },
  { header: 'SIZE', align: 'right' as const },
  { header: 'TAKEN' },
  { header: 'CAMERA', max: 24 },
  { header: 'HOW FOUND' },
  { header: 'STATE' },
  { header: 'CONFIDENCE' },
  { header: 'ORIGINAL PATH', max: 60 },
];

const camera = (f: Finding) => [f.metadata.make, f.metadata.model].filter(Boolean).join(' ');

function row(f: Finding): string[] {
  return [f.name, f.format, formatBytes(f.size), formatTime(f.metadata.takenAt), camera(f), `${f.origin}, ${f.foundBy}`, f.validation.state, f.confidence ?? '', f.originalPath ?? ''];
}

function footer(page: FindingsPage, scanId: string, sort: string): string {
  if (page.total === 0) return `No findings in ${scanId} match.`;
  const shown = page.findings.length === 0 ? 'none' : `${page.offset + 1}-${page.offset + page.findings.length}`;
  const next = page.offset + page.findings.length < page.total ? `; next page: --offset ${page.offset + page.findings.length}` : '';
  return `Showing ${shown} of ${page.total} finding${page.total === 1 ? '' : 's'} in ${scanId} (by ${sort})${next}.`;
}

export async function findingsCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const many = { type: 'string', multiple: true } as const;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...AGENT_OPTIONS,
      type: many,
      origin: many,
      'found-by': many,
      state: many,
      confidence: many,
      trash: many,
      camera: { type: 'string' },
      'taken-from': { type: 'string' },
      'taken-to': { type: 'string' },
      'min-size': { type: 'string' },
      'max-size': { type: 'string' },
      text: { type: 'string' },
      sort: { type: 'string' },
      desc: { type: 'boolean', default: false },
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    printLines(out, FINDINGS_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new CliError('findings takes exactly one SCAN_ID (see afterimage findings --help; afterimage sessions lists the scans).', EXIT.usage);
  const request = findingsRequest(positionals[0] as string, values);
  const page = await withAgent(values, (agent) => agent.client.findings.page.query(request));
  if (values.json) {
    printJson(out, page);
  } else {
    if (page.findings.length > 0) printLines(out, renderTable(COLUMNS, page.findings.map(row)));
    printLines(out, footer(page, request.scanId, `${request.sort ?? 'offset'}${request.descending ? ', descending' : ''}`));
  }
  return EXIT.ok;
}

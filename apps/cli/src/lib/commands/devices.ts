import { parseArgs } from 'node:util';
import type { Device } from '@afterimage/contracts';
import { EXIT } from '../exit-codes.js';
import { printJson, printLines } from '../format/output.js';
import { renderTable } from '../format/table.js';
import { formatBytes } from '../format/units.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const DEVICES_HELP = `Usage: afterimage devices [--json] [--agent URL] [--home DIR]

Lists this computer's disks and card readers with their partitions, removable ones first. A disk
the computer runs from is marked SYSTEM: it can be scanned (only ever read), but files deleted
from it may already be overwritten.

  --json            print the devices as JSON (an array of disks, each with its partitions)
${AGENT_OPTIONS_HELP}

Examples:
  afterimage devices
  afterimage devices --json | jq -r '.[] | select(.removable) | .path'
  afterimage scan /dev/sdb          # then scan the card you found`;

/** Removable first, the system disk last; the agent's order otherwise. */
const rank = (d: Device) => (d.removable ? 0 : d.isSystem ? 2 : 1);

function notes(d: Device): string {
  return [d.isSystem ? 'SYSTEM (deleted files may be overwritten)' : '', d.readOnly ? 'read-only' : '', d.sizeBytes === 0 ? 'no medium' : '']
    .filter(Boolean)
    .join(', ');
}

function row(d: Device, depth: number): string[] {
  const fs = d.filesystem ? [d.filesystem.type, d.filesystem.label && `"${d.filesystem.label}"`].filter(Boolean).join(' ') : '';
  const name = d.kind === 'disk' ? [d.vendor, d.model].filter(Boolean).join(' ') : fs;
  return [
    `${'  '.repeat(depth)}${d.path}`,
    d.sizeBytes > 0 ? formatBytes(d.sizeBytes) : '-',
    name,
    d.transport ?? '',
    d.removable ? 'yes' : 'no',
    d.mountpoints.join(', '),
    notes(d),
  ];
}

const rows = (devices: readonly Device[], depth = 0): string[][] => devices.flatMap((d) => [row(d, depth), ...rows(d.partitions, depth + 1)]);

export async function devicesCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...AGENT_OPTIONS, json: { type: 'boolean', default: false } } });
  if (values.help) {
    printLines(out, DEVICES_HELP);
    return EXIT.ok;
  }
  const devices = await withAgent(values, (agent) => agent.client.devices.list.query());
  const sorted = [...devices].sort((a, b) => rank(a) - rank(b));
  if (values.json) {
    printJson(out, sorted);
  } else if (sorted.length === 0) {
    printLines(out, 'No disks were found.');
  } else {
    const columns = [
      { header: 'DEVICE' },
      { header: 'SIZE', align: 'right' as const },
      { header: 'MODEL', max: 32 },
      { header: 'TRANSPORT' },
      { header: 'REMOVABLE' },
      { header: 'MOUNTED AT', max: 40 },
      { header: 'NOTE' },
    ];
    printLines(out, renderTable(columns, rows(sorted)));
  }
  return EXIT.ok;
}

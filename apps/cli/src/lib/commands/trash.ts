import { parseArgs } from 'node:util';
import type { TrashList } from '@afterimage/contracts';
import { CliError, EXIT } from '../exit-codes.js';
import { printJson, printLines } from '../format/output.js';
import { renderTable } from '../format/table.js';
import { formatBytes, formatTime } from '../format/units.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const TRASH_HELP = `Usage: afterimage trash list [--target TARGET_ID] [--json]
       afterimage trash restore ITEM... --target TARGET_ID [--json]

Lists the photos and videos in the trash (or deleted files) of your backup targets, and puts
items back where the provider allows it: Google Drive's trash, Dropbox's deleted files, OneDrive's
deleted items. Where a target has none that can be listed (a local folder; Google Photos, whose
trash no app can read) it says so.

  --target ID       only this backup target (see 'afterimage backup targets'); restore needs it
  --json            print the list, or what was restored and what failed, as JSON
${AGENT_OPTIONS_HELP}

Examples:
  afterimage trash list
  afterimage trash list --target tgt-1a2b3c4d --json | jq -r '.items[].id'
  afterimage trash restore 1AbCdEf 2GhIjKl --target tgt-1a2b3c4d

Exit status: 0 listed, or every item restored; 6 some items could not be restored (each is
said why); 2 the target has no trash to restore from, or bad usage; 3 no such target.`;

function listReport(list: TrashList): string {
  const lines: string[] = [];
  if (list.items.length > 0) {
    const rows = list.items.map((i) => [i.id, i.targetId, i.name, i.size === undefined ? '' : formatBytes(i.size), formatTime(i.deletedAt), i.path ?? '']);
    lines.push(renderTable([{ header: 'ITEM', max: 40 }, { header: 'TARGET' }, { header: 'NAME', max: 40 }, { header: 'SIZE', align: 'right' }, { header: 'DELETED' }, { header: 'WAS AT', max: 60 }], rows));
  } else {
    lines.push(list.unavailable.length > 0 ? 'Nothing in a trash that can be listed.' : "No backup targets yet: add one with 'afterimage backup targets add'.");
  }
  for (const u of list.unavailable) lines.push(`${u.targetId} (${u.title}) has no trash to list: ${u.reason}`);
  return lines.join('\n');
}

export async function trashCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...AGENT_OPTIONS, target: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (values.help) {
    printLines(out, TRASH_HELP);
    return EXIT.ok;
  }
  const [action, ...items] = positionals;
  if (action === 'list') {
    if (items.length > 0) throw new CliError('trash list takes no items (see afterimage trash --help).', EXIT.usage);
    const list = await withAgent(values, ({ client }) => client.trash.list.query(values.target ? { targetId: values.target } : {}));
    if (values.json) printJson(out, list);
    else printLines(out, listReport(list));
    return EXIT.ok;
  }
  if (action === 'restore') {
    if (!values.target) throw new CliError('trash restore needs --target TARGET_ID (see afterimage trash list).', EXIT.usage);
    if (items.length === 0) throw new CliError('trash restore takes the ITEMs to put back (their ids from afterimage trash list).', EXIT.usage);
    const result = await withAgent(values, ({ client }) => client.trash.restore.mutate({ targetId: values.target as string, itemIds: items }));
    if (values.json) printJson(out, result);
    else printLines(out, ...result.restored.map((r) => `Restored ${r.name} to ${r.path}`), ...result.failed.map((f) => `NOT restored ${f.id}: ${f.reason}`));
    return result.failed.length > 0 ? EXIT.partial : EXIT.ok;
  }
  throw new CliError(action === undefined ? 'trash takes list or restore (see afterimage trash --help).' : `Unknown trash command '${action}': it is list or restore.`, EXIT.usage);
}

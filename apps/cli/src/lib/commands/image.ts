import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImagingEvent, ImagingState } from '@afterimage/contracts';
import type { AgentConnection } from '../agent-connection.js';
import { CliError, EXIT } from '../exit-codes.js';
import { followJob } from '../follow-job.js';
import { imagingProgressLine, imagingSummary } from '../format/imaging-progress.js';
import { printJson, printLines } from '../format/output.js';
import { addSource } from '../resolve-source.js';
import { AGENT_OPTIONS, AGENT_OPTIONS_HELP, withAgent } from './common.js';

export const IMAGE_HELP = `Usage: afterimage image SOURCE --out IMAGE [--map MAP] [--sector-size 512|4096] [--retries N] [--json]

Copies SOURCE (a failing card or disk, or an image file) into the image file IMAGE the way GNU
ddrescue does: the good areas first, then the edges of the bad ones, sector by sector, and N more
passes over what is still unread. Where it got to is kept in a ddrescue-compatible map file, so
the same command run again goes on from there (Ctrl-C stops it cleanly). SOURCE is only read;
IMAGE and its map must not be on it. Then scan the image instead of the device.

  --out IMAGE         the image file to write (never on the source)
  --map MAP           the map file (default IMAGE.map); GNU ddrescue can read and resume it
  --sector-size N     512 or 4096 (default: the device's)
  --retries N         passes over the bad sectors after scraping (0-16, default 1)
  --json              print the final imaging state as JSON (progress goes to a terminal only)
${AGENT_OPTIONS_HELP}

Examples:
  afterimage image /dev/sdb --out ~/rescue/card.img
  afterimage image /dev/sdb --out ~/rescue/card.img --retries 3    # again, to retry bad sectors
  afterimage image card.img --out /mnt/backup/card-copy.img --json > imaging.json

Exit status: 0 every sector read; 6 some sectors could not be read (zeros in the image, listed in
the map); 1 the imaging failed; 3 the source is missing or unreadable; 4 the image or map would
be on the source, or its folder does not exist; 130 stopped by Ctrl-C (run it again to go on).`;

/** The agent writes the image and map into existing folders; it is not this command's place to create one (it might be on the source). */
async function assertFolderExists(file: string): Promise<void> {
  const folder = dirname(file);
  const stats = await stat(folder).catch(() => undefined);
  if (!stats?.isDirectory()) throw new CliError(`The folder ${folder} does not exist: create it (on another drive than the source) first.`, EXIT.destination);
}

function integer(name: string, text: string | undefined, allowed: (n: number) => boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || !allowed(n)) throw new CliError(`--${name} ${text} is not allowed (see afterimage image --help).`, EXIT.usage);
  return n;
}

async function runImaging(agent: AgentConnection, sourcePath: string, request: { imagePath: string; mapPath?: string; sectorSize?: 512 | 4096; retries?: number }, err: NodeJS.WriteStream) {
  const source = await addSource(agent.client, sourcePath);
  const started = await agent.client.imaging.start.mutate({ sourceId: source.id, ...request });
  const { result: state, interrupted: stopping } = await followJob<ImagingEvent, ImagingState>(agent, err, {
    subscribe: (handlers) => agent.client.imaging.events.subscribe({ imagingId: started.id }, handlers),
    line: imagingProgressLine,
    end: (done) => done.state,
    interrupt: () => void agent.client.imaging.cancel.mutate({ imagingId: started.id }).catch(() => undefined),
    intro: `Imaging ${source.path} to ${started.imagePath} (map ${started.mapPath}); Ctrl-C stops it, the same command goes on.\n`,
  });
  return { state, stopping };
}

export async function imageCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...AGENT_OPTIONS,
      out: { type: 'string', short: 'o' },
      map: { type: 'string' },
      'sector-size': { type: 'string' },
      retries: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    printLines(out, IMAGE_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new CliError('image takes exactly one SOURCE (see afterimage image --help).', EXIT.usage);
  if (!values.out) throw new CliError('image needs --out IMAGE (see afterimage image --help).', EXIT.usage);
  const sectorSize = integer('sector-size', values['sector-size'], (n) => n === 512 || n === 4096) as 512 | 4096 | undefined;
  const retries = integer('retries', values.retries, (n) => n >= 0 && n <= 16);
  for (const file of [values.out, values.map]) if (file) await assertFolderExists(resolve(file));
  const request = {
    imagePath: resolve(values.out),
    ...(values.map ? { mapPath: resolve(values.map) } : {}),
    ...(sectorSize ? { sectorSize } : {}),
    ...(retries !== undefined ? { retries } : {}),
  };
  const { state, stopping } = await withAgent(values, (agent) => runImaging(agent, positionals[0] as string, request, err));
  if (values.json) printJson(out, state);
  if (state.status === 'cancelled') {
    err.write(`Stopped. ${state.mapPath} holds where it got to: run the same command again to go on.\n`);
    return stopping ? EXIT.interrupted : EXIT.failure;
  }
  if (state.status === 'failed') throw new CliError(`Imaging failed: ${state.error ?? 'no reason given'} (the map keeps what was read; run the same command to go on).`, EXIT.failure);
  if (!values.json) printLines(out, `Imaged to ${state.imagePath} (map ${state.mapPath}).`, imagingSummary(state.progress), `Scan the image: afterimage scan ${state.imagePath}`);
  const unread = state.progress ? state.progress.bytesBad + state.progress.nonTrimmed + state.progress.nonScraped + state.progress.bytesNonTried : 0;
  if (!state.complete || unread > 0) {
    err.write(`afterimage: some sectors could not be read; run the same command with --retries N to try them again.\n`);
    return EXIT.partial;
  }
  return EXIT.ok;
}

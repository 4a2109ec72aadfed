// The Dropbox emulator (tools/emulators) as a process of its own, for the dashboard's end-to-end test:
// apps/web may not import tools/, and a process it starts is no import. It serves Dropbox's API and its
// OAuth on one loopback origin, prints {"url"} once listening, and stops on SIGTERM. Each line of JSON
// on its stdin is a command for its fault plan, answered with one line of JSON: {"hold": PATH} holds
// the requests whose path holds PATH until {"release": true}; {"held": true} says how many wait.
import { register } from 'node:module';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../../../..');
// Workspace sources are TypeScript: resolve ./x.js to ./x.ts and transpile (types erased).
register(pathToFileURL(resolve(root, 'libs/carve-engine/src/testing/typescript-hooks.mjs')));
const { startDropboxEmulator } = await import(pathToFileURL(resolve(root, 'tools/emulators/dropbox/dropbox-emulator.ts')).href);

const emulator = await startDropboxEmulator();
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  if (command.hold) emulator.faults.hold({ path: command.hold });
  if (command.release) emulator.faults.release();
  process.stdout.write(`${JSON.stringify({ held: emulator.faults.held })}\n`);
});
const stop = () => {
  emulator.faults.release();
  void emulator.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

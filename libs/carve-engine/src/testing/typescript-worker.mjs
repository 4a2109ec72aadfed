// Runs a worker thread's TypeScript entry straight from the sources, as vitest runs the libs: registers
// a small loader (typescript-hooks.mjs), then imports the entry named in workerData. Only used when the
// engine itself runs from src/ (tests); the built library starts its compiled worker directly.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('./typescript-hooks.mjs', import.meta.url);
await import(workerData.entry);

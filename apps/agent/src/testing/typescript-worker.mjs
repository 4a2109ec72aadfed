// Runs the agent's scanning thread (scan-thread-worker.ts) straight from the TypeScript sources, as
// vitest runs the agent: registers the module hooks the carve engine's tests use for their worker
// threads (workspace libs by their source condition, .ts transpiled), then imports the entry named in
// workerData. The built agent starts its compiled worker directly (scan-thread/protocol.ts).
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('../../../../libs/carve-engine/src/testing/typescript-hooks.mjs', import.meta.url);
await import(workerData.entry);

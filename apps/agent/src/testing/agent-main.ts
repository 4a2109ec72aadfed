/**
 * The agent's command line run from its TypeScript sources (tests spawn it through the module hooks
 * in agent-processes.ts): `node --import <hooks> agent-main.ts --port 0 --home DIR --no-demo`.
 */
import { runAgentCommand } from '../main.js';

process.exitCode = await runAgentCommand(process.argv.slice(2));

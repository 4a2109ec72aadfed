import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type AgentConfig =
  | { ok: true; agentUrl: string; token: string; defaultDestination: string; imagesFolder: string }
  | { ok: false; problem: string };

const DEFAULT_AGENT_URL = 'http://127.0.0.1:7170';

function agentHome(): string {
  // The agent's home is outside the project: keep Turbopack from tracing it into the build output.
  return resolve(/*turbopackIgnore: true*/ process.env['AFTERIMAGE_HOME'] || join(homedir(), '.afterimage'));
}

/**
 * Where the agent is and the token it wants, read at request time: AFTERIMAGE_AGENT_URL and
 * AFTERIMAGE_TOKEN, else the token the agent keeps in $AFTERIMAGE_HOME/agent.token.
 */
export async function readAgentConfig(): Promise<AgentConfig> {
  const agentUrl = (process.env['AFTERIMAGE_AGENT_URL'] || DEFAULT_AGENT_URL).replace(/\/+$/, '');
  let token = process.env['AFTERIMAGE_TOKEN']?.trim();
  if (!token) {
    const file = join(/*turbopackIgnore: true*/ agentHome(), 'agent.token');
    token = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (!token) {
      return {
        ok: false,
        problem: `The dashboard could not find the agent's token: AFTERIMAGE_TOKEN is not set and ${file} is missing or empty. Start the agent first (npm start does both).`,
      };
    }
  }
  const home = homedir();
  return {
    ok: true,
    agentUrl,
    token,
    defaultDestination: join(/*turbopackIgnore: true*/ home, 'Pictures', 'Afterimage recovered'),
    // Where "make an image of this device first" suggests writing the image (the person can change it).
    imagesFolder: join(/*turbopackIgnore: true*/ home, 'Afterimage images'),
  };
}

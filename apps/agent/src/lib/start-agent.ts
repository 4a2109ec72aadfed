import type { Server } from 'node:http';
import { join } from 'node:path';
import { LocalAgentServices } from './agent-services.js';
import { ensureHome, loadOrCreateToken } from './home.js';
import { createAgentServer, listenOnLoopback } from './http-server.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

export const AGENT_VERSION = '0.1.0';

export interface StartAgentOptions {
  home: string;
  port?: number;
  webOrigins?: readonly string[];
  /** The gzipped demo card to offer; `false` offers none. */
  demoCard?: string | false;
}

export interface RunningAgent {
  url: string;
  port: number;
  token: string;
  home: string;
  server: Server;
  close(): Promise<void>;
}

export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  await ensureHome(options.home);
  const token = await loadOrCreateToken(options.home);
  const demoCard = options.demoCard === false ? undefined : await prepareDemoCard(options.home, options.demoCard);
  const store = openStore(join(options.home, 'afterimage.db'));
  const services = new LocalAgentServices({ version: AGENT_VERSION, demoCard, pipeline: scanMedia, thumbnail: thumbnailForFinding, store });
  const server = createAgentServer({ services, token, webOrigins: options.webOrigins ?? [], version: AGENT_VERSION });
  const port = await listenOnLoopback(server, options.port ?? 0).catch((error: unknown) => {
    store.close();
    throw error;
  });
  // Scans that were running when the agent last stopped go on from their checkpoints.
  await services.resumeInterrupted();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    home: options.home,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}

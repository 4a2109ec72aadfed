import type { Server } from 'node:http';
import { join } from 'node:path';
import { AccountService, AccountStore, Accounts, configuredClients, oauthSettings, SignInHealth } from './accounts/index.js';
import { LocalAgentServices } from './agent-services.js';
import { accountProvider, accountTokens } from './backup/index.js';
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
  /** Where client ids, AFTERIMAGE_<PROVIDER>_OAUTH and AFTERIMAGE_<KIND>_API are read (process.env when absent). */
  env?: NodeJS.ProcessEnv;
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
  const env = options.env ?? process.env;
  // AFTERIMAGE_<PROVIDER>_OAUTH sends sign-in and refresh to an emulated authorization server.
  const oauth = oauthSettings(env);
  const store = openStore(join(options.home, 'afterimage.db'));
  // Cloud backup targets get their tokens from the signed-in accounts in HOME/accounts.json.
  const clients = configuredClients(options.home, env);
  const accounts = new Accounts({ store: new AccountStore(options.home), client: clients, endpoints: oauth.endpoints });
  const health = new SignInHealth(accounts);
  const backup = { tokens: accountTokens(health.accounts), accountProvider: accountProvider(accounts), env };
  const accountService = new AccountService({ accounts, clients, configFile: join(options.home, 'config.json'), health, ports: oauth.ports });
  const services = new LocalAgentServices({ version: AGENT_VERSION, demoCard, pipeline: scanMedia, thumbnail: thumbnailForFinding, store, backup, accounts: accountService });
  const server = createAgentServer({ services, token, webOrigins: options.webOrigins ?? [], version: AGENT_VERSION });
  const port = await listenOnLoopback(server, options.port ?? 0).catch((error: unknown) => {
    store.close();
    throw error;
  });
  // Scans that were running when the agent last stopped go on from their checkpoints, backups too.
  await services.resumeInterrupted();
  await services.resumeBackups();
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
          void services.shutdown().finally(() => {
            store.close();
            resolve();
          });
        });
      }),
  };
}

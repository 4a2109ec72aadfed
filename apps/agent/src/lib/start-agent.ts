import type { Server } from 'node:http';
import { join } from 'node:path';
import { AccountService, AccountStore, Accounts, configuredClients, oauthSettings, SignInHealth } from './accounts/index.js';
import { profileFetcher } from './accounts/profile-fetcher.js';
import { LocalAgentServices } from './agent-services.js';
import type { ImagingRunOptions } from './imaging-jobs.js';
import { accountProvider, accountTokens } from './backup/index.js';
import { ensureHome, loadOrCreateToken } from './home.js';
import { type HomeLock, type HomeLockInfo, takeHomeLock } from './home-lock.js';
import { createAgentServer, listenOnLoopback } from './http-server.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { ScanThread, threadedScanPipeline } from './scan-thread/index.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';
import { warmUp } from './warm-up.js';

export const AGENT_VERSION = '0.1.0';

export interface StartAgentOptions {
  home: string;
  port?: number;
  webOrigins?: readonly string[];
  /** The gzipped demo card to offer; `false` offers none. */
  demoCard?: string | false;
  /** Where client ids, AFTERIMAGE_<PROVIDER>_OAUTH and AFTERIMAGE_<KIND>_API are read (process.env when absent). */
  env?: NodeJS.ProcessEnv;
  /** How imaging jobs open their source and save their map (tests: a slow, failing source); the agent's own when absent. */
  imaging?: ImagingRunOptions;
}

export interface RunningAgent {
  url: string;
  port: number;
  token: string;
  home: string;
  server: Server;
  /** The stale HOME/agent.lock this agent took over (its process was gone; pid 0: the file was damaged). */
  tookOverLock?: HomeLockInfo;
  close(): Promise<void>;
}

/**
 * Starts the agent on its home. One agent per home (they would share one database and both go on
 * with its interrupted scans): HOME/agent.lock is taken first, and a live holder refuses the start
 * with AgentLockedError naming its pid and address; a stale lock (its process gone) is taken over.
 */
export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  await ensureHome(options.home);
  const lock = await takeHomeLock(options.home);
  // The scanning thread starts at once: it loads the carve engine while the rest of the agent starts.
  const scanThread = new ScanThread();
  scanThread.start();
  try {
    return await startOnLockedHome(options, lock, scanThread);
  } catch (error) {
    await scanThread.close();
    await lock.release();
    throw error;
  }
}

async function startOnLockedHome(options: StartAgentOptions, lock: HomeLock, scanThread: ScanThread): Promise<RunningAgent> {
  const token = await loadOrCreateToken(options.home);
  const demoCard = options.demoCard === false ? undefined : await prepareDemoCard(options.home, options.demoCard);
  const env = options.env ?? process.env;
  // AFTERIMAGE_<PROVIDER>_OAUTH sends sign-in and refresh to an emulated authorization server.
  const oauth = oauthSettings(env);
  const store = openStore(join(options.home, 'afterimage.db'));
  // Cloud backup targets get their tokens from the signed-in accounts in HOME/accounts.json.
  const clients = configuredClients(options.home, env);
  // After a sign-in the provider is asked who the account is (its API, or the emulator serving its OAuth).
  const accounts = new Accounts({ store: new AccountStore(options.home), client: clients, endpoints: oauth.endpoints, profile: profileFetcher(env, oauth.endpoints) });
  const health = new SignInHealth(accounts);
  const accountService = new AccountService({ accounts, clients, configFile: join(options.home, 'config.json'), health, ports: oauth.ports });
  const accountTitles = async () => new Map((await accountService.list()).map((a) => [a.id, a.title ?? a.id]));
  const backup = { tokens: accountTokens(health.accounts), accountProvider: accountProvider(accounts), env, accountTitles };
  // Images (files, split sets) are scanned on the scanning thread, devices on this one (scan-thread/thread-pipeline.ts).
  const pipeline = threadedScanPipeline(scanThread, scanMedia);
  const services = new LocalAgentServices({ version: AGENT_VERSION, demoCard, pipeline, thumbnail: thumbnailForFinding, store, backup, accounts: accountService, ...(options.imaging ? { imaging: options.imaging } : {}) });
  const server = createAgentServer({ services, token, webOrigins: options.webOrigins ?? [], version: AGENT_VERSION });
  const port = await listenOnLoopback(server, options.port ?? 0).catch((error: unknown) => {
    store.close();
    throw error;
  });
  await lock.setUrl(`http://127.0.0.1:${port}`);
  // Scans that were running when the agent last stopped go on from their checkpoints, backups and imaging too.
  await services.resumeInterrupted();
  await services.resumeBackups();
  await services.resumeImaging();
  // The first scan's one-time costs (code compiled on first use), paid now rather than by the first scan
  // (warm-up.ts); the scanning thread scans a tiny image built in memory (scan-thread/warm-image.ts).
  await Promise.all([warmUp(`http://127.0.0.1:${port}`, token), scanThread.warm()]);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    home: options.home,
    server,
    ...(lock.tookOver ? { tookOverLock: lock.tookOver } : {}),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          // The scanning thread first: its running scans stay stored as running and go on at the next start.
          void scanThread
            .close()
            .then(() => services.shutdown())
            .finally(() => {
              store.close();
              void lock.release().finally(resolve);
            });
        });
      }),
  };
}

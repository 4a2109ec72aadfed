import { processExists, readAdvert, readToken, type AgentAdvert } from './agent-home.js';
import { lockedAgentUrl } from './agent-lock.js';

/** Where `afterimage agent` and `npm start` run the agent unless told otherwise. */
export const DEFAULT_AGENT_URL = 'http://127.0.0.1:7170';

const PROBE_TIMEOUT_MS = 2000;

export type ProbeResult = 'accepted' | 'refused' | 'unreachable';

/**
 * Whether an agent answers at `url` and takes `token`: an authenticated call, so an agent of another
 * home (another token) reads as refused, never as ours.
 */
export async function probeAgent(url: string, token: string | undefined): Promise<ProbeResult> {
  const base = url.replace(/\/$/, '');
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  const health = await fetch(`${base}/health`, { signal }).catch(() => undefined);
  if (!health?.ok) return 'unreachable';
  const body = (await health.json().catch(() => undefined)) as { service?: unknown } | undefined;
  if (body?.service !== 'afterimage-agent') return 'unreachable';
  if (!token) return 'refused';
  const call = await fetch(`${base}/trpc/sources.list`, { headers: { authorization: `Bearer ${token}` }, signal }).catch(() => undefined);
  return call?.ok ? 'accepted' : 'refused';
}

export interface RunningAgent {
  url: string;
  token: string;
  /**
   * private: another command's agent, which stops when that command ends; home-lock: the agent
   * holding HOME/agent.lock that no command advertised (started by npm start, a service, a test).
   */
  kind: AgentAdvert['kind'] | 'home-lock' | 'default-port';
}

/**
 * The agent already serving this home: the one its agent.json names, else the one holding its
 * agent.lock (the agent takes it whoever started it), else one on the default port.
 */
export async function findRunningAgent(home: string): Promise<RunningAgent | undefined> {
  const token = await readToken(home);
  if (!token) return undefined;
  const advert = await readAdvert(home);
  if (advert && processExists(advert.pid) && (await probeAgent(advert.url, token)) === 'accepted') {
    return { url: advert.url.replace(/\/$/, ''), token, kind: advert.kind };
  }
  const locked = await lockedAgentUrl(home);
  if (locked && (await probeAgent(locked, token)) === 'accepted') return { url: locked, token, kind: 'home-lock' };
  if ((await probeAgent(DEFAULT_AGENT_URL, token)) === 'accepted') return { url: DEFAULT_AGENT_URL, token, kind: 'default-port' };
  return undefined;
}

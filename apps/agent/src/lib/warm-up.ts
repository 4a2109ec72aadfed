import { get } from 'node:http';
import { ScanRequestSchema, ScanStateSchema } from '@afterimage/contracts';
import { ScanSession } from './scan-session.js';

/** A scan id no scan has: the subscription answers "no such scan" and ends. */
const NO_SCAN = 'scan-warm-up';

/**
 * What a freshly started agent would otherwise do during its first scan, done before it says it is
 * ready (an agent is long-lived: this is paid once, at start). V8 compiles functions on their first
 * call, zod compiles a parser for an object schema on its first parse, and the HTTP, tRPC and SSE
 * layers run cold the first time: together ~15–30 ms (more on a busy machine) that the first scan of a
 * fresh agent paid and a later one did not. So the agent parses a scan request and a scan state (what
 * scans.start reads and answers) and serves itself, over loopback and with its token as a client
 * would, one query (scans.list) and one subscription (scans.eventBatches of a scan that does not
 * exist: the stream opens, says so and ends). It reads nothing from a source and writes nothing; the
 * carve engine is not warmed (a scan in a fresh process pays its own first use either way). A failure
 * or a timeout only means a colder first scan.
 */
export async function warmUp(url: string, token: string, timeoutMs = 5000): Promise<void> {
  ScanRequestSchema.parse({ sourceId: 'src-warm-up' });
  ScanStateSchema.parse(new ScanSession(NO_SCAN, 'src-warm-up', 0).snapshot);
  const signal = AbortSignal.timeout(timeoutMs);
  const auth = { authorization: `Bearer ${token}` };
  const params = new URLSearchParams({ input: JSON.stringify({ scanId: NO_SCAN }), connectionParams: JSON.stringify({ token }) });
  await Promise.all([fetchText(`${url}/trpc/scans.list`, auth, signal), fetchText(`${url}/trpc/scans.eventBatches?${params}`, {}, signal)]).catch(() => undefined);
}

/** GETs a URL and reads its whole body (node:http: the agent's own server code, not a client library's). */
function fetchText(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, signal }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

import { signIn, type OAuthTokens, type SignInOptions } from '@afterimage/cloud-adapters';
import type { OAuthEmulator } from './oauth-emulator.js';

export interface BrowserVisit {
  /** The authorization URL the sign-in handed to the browser. */
  authorizationUrl: URL;
  /** Where the authorization server sent the browser (the loopback redirect). */
  location: URL;
  /** The page the loopback server answered with. */
  status: number;
  page: string;
}

/** Plays the browser: opens the authorization URL without following, then follows the 302 itself. */
export async function visit(url: string, tamper?: (location: URL) => void): Promise<BrowserVisit> {
  const authorizationUrl = new URL(url);
  const approval = await fetch(url, { redirect: 'manual' });
  const header = approval.headers.get('location');
  if (approval.status !== 302 || !header) throw new Error(`authorization answered ${approval.status}: ${await approval.text()}`);
  const location = new URL(header);
  tamper?.(location);
  const back = await fetch(location);
  return { authorizationUrl, location, status: back.status, page: await back.text() };
}

/** Signs in against an emulator, the browser visit running beside it; both outcomes come back. */
export async function signInThroughBrowser(
  emulator: OAuthEmulator,
  options: Partial<SignInOptions> & Pick<SignInOptions, 'provider'>,
  browse: (url: string) => Promise<BrowserVisit> = (url) => visit(url),
): Promise<{ tokens: PromiseSettledResult<OAuthTokens>; browser: BrowserVisit }> {
  let browsing: Promise<BrowserVisit> | undefined;
  const stop = new AbortController();
  const tokens = await Promise.allSettled([
    signIn({
      clientId: emulator.oauth.clientId,
      clientSecret: emulator.oauth.options.clientSecret,
      endpoints: emulator.url,
      port: 0,
      signal: stop.signal,
      openBrowser: (url) => {
        browsing = browse(url);
        // A browser that got stuck must not leave the sign-in waiting for its 5-minute timeout.
        browsing.catch((error: unknown) => stop.abort(error));
      },
      ...options,
    }),
  ]);
  if (!browsing) throw new Error('the sign-in never opened the browser');
  const [outcome] = tokens;
  if (!outcome) throw new Error('no sign-in outcome');
  return { tokens: outcome, browser: await browsing };
}

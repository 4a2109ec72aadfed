import { randomBytes } from 'node:crypto';

/**
 * The access tokens an emulator accepts. A token is valid until it is expired (by time or by a test);
 * the OAuth endpoints (lib/oauth.ts) issue them. `fixed` tokens are for tests that skip sign-in.
 */
export class TokenBook {
  private tokens = new Map<string, number>();

  constructor(fixed: string[] = ['emulator-token']) {
    for (const token of fixed) this.tokens.set(token, Infinity);
  }

  issue(lifetimeSeconds = 3600, prefix = 'at'): string {
    const token = `${prefix}-${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, Date.now() + lifetimeSeconds * 1000);
    return token;
  }

  expire(token?: string): void {
    if (token) this.tokens.set(token, 0);
    else for (const key of this.tokens.keys()) this.tokens.set(key, 0);
  }

  /** True when the request's `Authorization: Bearer <token>` names a live token. */
  accepts(authorization: string | string[] | undefined): boolean {
    const value = Array.isArray(authorization) ? authorization[0] : authorization;
    const match = /^Bearer (\S+)$/i.exec(value ?? '');
    const until = match ? this.tokens.get(match[1]!) : undefined;
    return until !== undefined && until > Date.now();
  }
}

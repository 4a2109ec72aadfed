/**
 * Where an adapter gets its bearer token. The agent's account store (OAuth, refreshed as needed)
 * implements it; tests against an emulator use `staticToken`. On a 401 an adapter calls `refused` with
 * the token that failed and asks `token()` once more before giving up with AuthError.
 */
export interface AccessTokenSource {
  token(signal?: AbortSignal): Promise<string>;
  refused?(token: string): void;
}

export function staticToken(token: string): AccessTokenSource {
  return { token: async () => token };
}

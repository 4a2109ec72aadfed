import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 §4.1: code-verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface Pkce {
  /** Kept by the client and sent only with the token request. */
  verifier: string;
  /** BASE64URL(SHA256(ASCII(verifier))), sent with the authorization request. */
  challenge: string;
  method: 'S256';
}

export function isCodeVerifier(value: string): boolean {
  return VERIFIER.test(value);
}

/** The S256 challenge of a verifier (RFC 7636 §4.2); throws on a verifier outside the grammar. */
export function s256Challenge(verifier: string): string {
  if (!isCodeVerifier(verifier)) throw new RangeError('a PKCE code verifier is 43 to 128 characters from A-Z a-z 0-9 - . _ ~');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * A fresh verifier and its challenge. `bytes` random octets base64url-encoded (RFC 7636 §4.1
 * recommends 32 octets, giving 43 characters); 32 to 96 octets keep the verifier within 43..128.
 */
export function createPkce(bytes = 32): Pkce {
  if (!Number.isInteger(bytes) || bytes < 32 || bytes > 96) throw new RangeError('PKCE verifier entropy must be 32 to 96 bytes');
  const verifier = randomBytes(bytes).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}

/** A random `state` value for the authorization request (CSRF protection, RFC 6749 §10.12). */
export function randomState(): string {
  return randomBytes(24).toString('base64url');
}

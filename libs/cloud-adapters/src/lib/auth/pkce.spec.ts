import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkce, isCodeVerifier, s256Challenge } from './pkce.js';

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of Appendix B', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43..128 unreserved characters whose challenge is their base64url SHA-256', () => {
    for (const bytes of [32, 64, 96]) {
      const pkce = createPkce(bytes);
      expect(pkce.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(pkce.challenge).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
      expect(pkce.method).toBe('S256');
    }
    expect(createPkce().verifier).toHaveLength(43);
    expect(createPkce().verifier).not.toBe(createPkce().verifier);
  });

  it('refuses verifiers outside the grammar', () => {
    expect(isCodeVerifier('a'.repeat(42))).toBe(false);
    expect(isCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isCodeVerifier('a'.repeat(43))).toBe(true);
    expect(() => s256Challenge('short')).toThrow(RangeError);
    expect(() => createPkce(31)).toThrow(RangeError);
  });
});

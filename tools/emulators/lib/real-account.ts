import { staticToken, type AccessTokenSource, type BackupTarget } from '@afterimage/cloud-adapters';
import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { describe } from 'vitest';

/**
 * The shared suite against a real account of the provider, when an access token for a scratch account
 * is in the environment as AFTERIMAGE_TEST_<ADAPTER>_TOKEN (e.g. AFTERIMAGE_TEST_GOOGLE_DRIVE_TOKEN);
 * skipped otherwise, and the skipped block's name says which variable would run it. It writes under
 * afterimage-conformance/ in the account. Faults cannot be injected into a real service: those tests say so.
 */
export function describeRealAccount(
  adapter: string,
  make: (root: string, tokens: AccessTokenSource) => BackupTarget | Promise<BackupTarget>,
  options: { resumableAbove: number; folders: boolean },
): void {
  const variable = `AFTERIMAGE_TEST_${adapter.toUpperCase().replace(/-/g, '_')}_TOKEN`;
  const token = process.env[variable];
  const run = Date.now().toString(36);
  let roots = 0;
  describe.skipIf(!token)(`${adapter} against a real account (set ${variable} to run)`, () => {
    describeConformance(`${adapter} (real account)`, {
      makeTarget: async () => make(`afterimage-conformance/${run}-${++roots}`, staticToken(token ?? '')),
      ...options,
    });
  });
}

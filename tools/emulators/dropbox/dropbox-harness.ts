import { DropboxTarget, staticToken, type AccessTokenSource, type RetryOptions } from '@afterimage/cloud-adapters';
import type { ConformanceFaults, ConformanceHarness } from '@afterimage/cloud-adapters/testing';
import { startDropboxEmulator, type DropboxEmulator } from './dropbox-emulator.js';

/** Chunks of 256 KiB in tests (Dropbox recommends multiples of 4 MiB for real uploads; any size is accepted). */
export const TEST_CHUNK = 256 * 1024;

export interface DropboxHarness extends ConformanceHarness {
  faults: ConformanceFaults;
  emulator(): Promise<DropboxEmulator>;
  /** A target on its own folder, with these retry options (a recording `sleep`, say) and token source. */
  target(retry?: RetryOptions, tokens?: AccessTokenSource): Promise<DropboxTarget>;
}

/** One emulator, started on first use, and a fresh folder per target. */
export function dropboxHarness(): DropboxHarness {
  let started: Promise<DropboxEmulator> | undefined;
  let folders = 0;
  const emulator = () => (started ??= startDropboxEmulator());
  let current: DropboxEmulator | undefined;
  void emulator().then((e) => (current = e));
  const target = async (retry: RetryOptions = { baseDelayMs: 20 }, tokens: AccessTokenSource = staticToken('emulator-token')) => {
    const e = await emulator();
    return new DropboxTarget({ root: `/Afterimage/dropbox test ${++folders}`, tokens, apiBase: e.url, chunkSize: TEST_CHUNK, retry });
  };
  return {
    makeTarget: () => target(),
    target,
    emulator,
    cleanup: async () => (await started)?.close(),
    resumableAbove: TEST_CHUNK,
    folders: true,
    faults: {
      add: (rule) => {
        if (!current) throw new Error('the dropbox emulator has not started yet');
        current.faults.add(rule);
      },
      clear: () => current?.faults.clear(),
      bytesReceived: () => current?.bytesReceived() ?? 0,
      requests: () => current?.log.length ?? 0,
      chunk: { method: 'POST', path: '/2/files/upload_session/append_v2' },
      finish: { method: 'POST', path: '/2/files/upload_session/finish' },
    },
  };
}

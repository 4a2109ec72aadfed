import { startDropboxEmulator } from './dropbox/dropbox-emulator.js';
import { startDriveEmulator } from './google-drive/emulator.js';
import { startGooglePhotosEmulator } from './google-photos/google-photos-emulator.js';
import type { FaultPlan } from './lib/faults.js';
import type { Emulator } from './lib/server.js';
import { startOneDriveEmulator } from './onedrive/onedrive-emulator.js';

export { FaultPlan } from './lib/faults.js';
export type { FaultKind, FaultRule, InjectedFault, RandomFaults } from './lib/faults.js';
export type { Emulator, RequestRecord } from './lib/server.js';

/** The local emulator of each cloud adapter, by the adapter's kind (for benchmarks and end-to-end tests). */
export const emulators: Readonly<Record<string, (options: { faults?: FaultPlan; port?: number }) => Promise<Emulator>>> = {
  'google-drive': (options) => startDriveEmulator(options),
  'google-photos': (options) => startGooglePhotosEmulator(options),
  dropbox: (options) => startDropboxEmulator(options),
  onedrive: async (options) => (await startOneDriveEmulator(options)).emulator,
};

/** The bearer token every emulator accepts without a sign-in. */
export const EMULATOR_TOKEN = 'emulator-token';

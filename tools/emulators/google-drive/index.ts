export type { DriveEmulator, DriveEmulatorOptions } from './emulator.js';
export { startDriveEmulator } from './emulator.js';
export type { DriveItem } from './store.js';
export { DriveStore, FOLDER_MIME } from './store.js';

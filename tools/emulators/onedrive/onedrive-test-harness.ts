import { type BackupTarget, connectOneDrive, FRAGMENT_UNIT, type OneDriveTargetOptions } from '@afterimage/cloud-adapters';
import type { ConformanceFaults, ConformanceHarness } from '@afterimage/cloud-adapters/testing';
import type { RequestInfo } from '../lib/faults.js';
import type { DriveType } from './drive-store.js';
import { type OneDriveEmulator, startOneDriveEmulator } from './onedrive-emulator.js';

/** Upload URLs this emulator hands out: PUT /upload/{id} carries one fragment. */
export const UPLOAD_PATH = /^\/upload\//;

/** True for the fragment that ends the file (its Content-Range reaches the total). */
export function isLastFragment(request: RequestInfo): boolean {
  const match = /^bytes \d+-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
  return !!match && Number(match[1]) + 1 === Number(match[2]);
}

/** Small fragments (one 320 KiB unit) and a fast backoff, so a test moves a few MB at most and waits little. */
export function testTargetOptions(onedrive: OneDriveEmulator, root: string, extra: Partial<OneDriveTargetOptions> = {}): OneDriveTargetOptions {
  return {
    root,
    tokens: { token: async () => 'emulator-token' },
    apiBase: onedrive.url,
    fragmentSize: FRAGMENT_UNIT,
    simpleUploadMax: FRAGMENT_UNIT,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    ...extra,
  };
}

/**
 * Files above 8 fragments go through an upload session, so the suite's large file is ~28 fragments of
 * 320 KiB: a fragment sent again after a 429 or a 500 (its bytes did reach the server) stays within the
 * suite's 10 % allowance, as it does with real sizes (3.2 MiB fragments of files far larger).
 */
const CONFORMANCE_SIMPLE_MAX = 8 * FRAGMENT_UNIT;

/**
 * The conformance harness over a running emulator: each target is a fresh folder of the one drive.
 * `finish` is the last fragment's PUT; the suite names it by this RegExp and `add` turns it into a rule
 * that matches on Content-Range.
 */
export function oneDriveHarness(onedrive: OneDriveEmulator, label: string): ConformanceHarness {
  const finish = { method: 'PUT', path: /^\/upload\/(last-fragment)?/ };
  const faults: ConformanceFaults = {
    add(rule) {
      if (rule.path === finish.path) onedrive.emulator.faults.add({ ...rule, path: UPLOAD_PATH, when: isLastFragment });
      else onedrive.emulator.faults.add(rule);
    },
    clear: () => onedrive.emulator.faults.clear(),
    bytesReceived: () => onedrive.emulator.bytesReceived(),
    requests: () => onedrive.emulator.log.length,
    chunk: { method: 'PUT', path: UPLOAD_PATH },
    finish,
  };
  let run = 0;
  return {
    makeTarget: (): Promise<BackupTarget> => connectOneDrive(testTargetOptions(onedrive, `Afterimage/${label}-${++run}`, { simpleUploadMax: CONFORMANCE_SIMPLE_MAX })),
    cleanup: () => onedrive.close(),
    faults,
    resumableAbove: CONFORMANCE_SIMPLE_MAX,
    folders: true,
  };
}

export async function startTestDrive(driveType: DriveType, pageSize = 3): Promise<OneDriveEmulator> {
  return startOneDriveEmulator({ driveType, pageSize });
}

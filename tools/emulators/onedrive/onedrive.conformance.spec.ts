import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { connectOneDrive, FRAGMENT_UNIT } from '@afterimage/cloud-adapters';
import { describeRealAccount } from '../lib/real-account.js';
import { oneDriveHarness, startTestDrive } from './onedrive-test-harness.js';

// The shared suite against the emulated Graph, through the real SDK: a personal drive (recycle bin
// listed and restored) and a OneDrive for Business (its limits.trash says where the recycle bin is).
describeConformance('onedrive', oneDriveHarness(await startTestDrive('personal'), 'personal'));
describeConformance('onedrive (business)', oneDriveHarness(await startTestDrive('business'), 'business'));

describeRealAccount('onedrive', (root, tokens) => connectOneDrive({ root, tokens, fragmentSize: FRAGMENT_UNIT, simpleUploadMax: 8 * FRAGMENT_UNIT }), { resumableAbove: 8 * FRAGMENT_UNIT, folders: true });

import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { GoogleDriveTarget } from '@afterimage/cloud-adapters';
import { describeRealAccount } from '../lib/real-account.js';
import { googleDriveHarness } from './google-drive-harness.js';

// The shared suite against GoogleDriveTarget (the real @googleapis/drive SDK) on the Drive emulator, with faults.
describeConformance('google-drive', googleDriveHarness());

const CHUNK = 256 * 1024;
describeRealAccount('google-drive', (root, tokens) => new GoogleDriveTarget({ root, tokens, chunkSize: CHUNK, resumableAbove: CHUNK }), { resumableAbove: CHUNK, folders: true });

import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { googleDriveHarness } from './google-drive-harness.js';

// The shared suite against GoogleDriveTarget (the real @googleapis/drive SDK) on the Drive emulator, with faults.
describeConformance('google-drive', googleDriveHarness());

import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { DropboxTarget } from '@afterimage/cloud-adapters';
import { describeRealAccount } from '../lib/real-account.js';
import { dropboxHarness, TEST_CHUNK } from './dropbox-harness.js';

// The shared suite against DropboxTarget (the real dropbox SDK) on the Dropbox emulator, with faults.
describeConformance('dropbox', dropboxHarness());

describeRealAccount('dropbox', (root, tokens) => new DropboxTarget({ root: `/${root}`, tokens, chunkSize: TEST_CHUNK }), { resumableAbove: TEST_CHUNK, folders: true });

import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { dropboxHarness } from './dropbox-harness.js';

// The shared suite against DropboxTarget (the real dropbox SDK) on the Dropbox emulator, with faults.
describeConformance('dropbox', dropboxHarness());

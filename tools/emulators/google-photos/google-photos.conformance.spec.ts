import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { GooglePhotosTarget } from '@afterimage/cloud-adapters';
import { describeRealAccount } from '../lib/real-account.js';
import { CHUNK_GRANULARITY } from './upload-routes.js';
import { photosHarness, SIMPLE_MAX } from './photos-harness.js';

// The shared suite against GooglePhotosTarget on the google-photos emulator, with faults. Google Photos keeps a
// flat album (folders: false) and has neither remove nor trash in its API: those tests check `limits` instead.
describeConformance('google-photos', photosHarness());

describeRealAccount('google-photos', (root, tokens) => new GooglePhotosTarget({ album: root.replace('/', ' '), tokens, chunkSize: CHUNK_GRANULARITY, simpleUploadMax: SIMPLE_MAX }), { resumableAbove: SIMPLE_MAX, folders: false });

import { describeConformance } from '@afterimage/cloud-adapters/testing';
import { photosHarness } from './photos-harness.js';

// The shared suite against GooglePhotosTarget on the google-photos emulator, with faults. Google Photos keeps a
// flat album (folders: false) and has neither remove nor trash in its API: those tests check `limits` instead.
describeConformance('google-photos', photosHarness());

import { describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { planTargets } from './recovery-targets.js';

const finding = (id: string, name: string, extra: Partial<Finding> = {}): Finding => ({
  id,
  format: 'jpeg',
  extension: 'jpg',
  mimeType: 'image/jpeg',
  name,
  originalPath: `/DCIM/100APPLE/${name}`,
  origin: 'deleted',
  foundBy: 'filesystem',
  byteRuns: [{ offset: 0, length: 1 }],
  size: 1,
  sha256: '0'.repeat(64),
  validation: { state: 'complete', reasons: [] },
  metadata: {},
  hasThumbnail: false,
  ...extra,
});

describe('planTargets', () => {
  it('numbers a taken name, ignoring case, as recovery always did', () => {
    const plan = planTargets([finding('a', 'IMG_0001.JPG'), finding('b', 'img_0001.jpg'), finding('c', 'IMG_0001.JPG', { originalPath: undefined })]);
    expect([...plan.values()]).toEqual(['DCIM/100APPLE/IMG_0001.JPG', 'DCIM/100APPLE/img_0001-1.jpg', 'lost/IMG_0001.JPG']);
  });

  it('keeps the two halves of a Live Photo on one base name when the still’s name is taken', () => {
    const other = finding('x', 'IMG_0001.HEIC');
    const still = finding('s', 'IMG_0001.HEIC', { livePhotoPair: 'm' });
    const movie = finding('m', 'IMG_0001.MOV', { livePhotoPair: 's' });
    const plan = planTargets([other, movie, still]);
    expect(plan.get('s')).toBe('DCIM/100APPLE/IMG_0001-1.HEIC');
    expect(plan.get('m')).toBe('DCIM/100APPLE/IMG_0001-1.MOV');
    expect(plan.get('x')).toBe('DCIM/100APPLE/IMG_0001.HEIC');
  });

  it('places a half whose partner is not being recovered on its own', () => {
    const plan = planTargets([finding('x', 'IMG_0002.MOV'), finding('m', 'IMG_0002.MOV', { livePhotoPair: 'gone' })]);
    expect(plan.get('m')).toBe('DCIM/100APPLE/IMG_0002-1.MOV');
  });
});

import type { CarveFormat } from '../types.js';
import { jpegFormat } from './jpeg.js';

/** Every format the engine carves, in the order they are tried at one offset. */
export const carveFormats: readonly CarveFormat[] = [jpegFormat];

import { projectConfig } from '../vitest.shared.mjs';

export default projectConfig(import.meta.dirname, 'tools', { include: ['fixtures/**/*.spec.ts', 'scripts/**/*.spec.ts', 'emulators/**/*.spec.ts', 'generators/**/*.spec.ts'] });

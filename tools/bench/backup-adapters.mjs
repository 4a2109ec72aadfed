// The cloud adapters, from their TypeScript sources: import this module only after backups.mjs registered
// the loader hooks. (A static import here, not a dynamic one in backups.mjs: Nx's boundary rule would
// otherwise take the lib for a lazy-loaded one and refuse every static import of it.)
export * from '@afterimage/cloud-adapters';

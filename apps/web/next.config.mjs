import { resolve } from 'node:path';

const workspaceRoot = resolve(import.meta.dirname, '../..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
  // Two builds side by side (engineers working at once) each take their own folder; '.next' otherwise.
  distDir: process.env.AFTERIMAGE_WEB_DIST || '.next',
};

export default nextConfig;

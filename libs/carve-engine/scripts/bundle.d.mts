/** Modules the bundle imports at run time instead of carrying. */
export function isExternal(id: string): boolean;
/** Bundles `dist` (tsc's output) into `out`; throws on any warning. */
export function bundleEngine(dist: string, out: string): Promise<void>;

/** Types of bin/omneo-widgets-sri.mjs's exports, for the tests that import them. */
export interface Integrity {
  version?: string;
  files: Record<string, string>;
  /** What the loader imports statically: preloaded, with its hash. */
  preload?: string[];
}
export function folderUrl(base: string): string;
export function sriSnippet(integrity: Integrity, base: string): { importMap: string; cspHash: string; html: string };

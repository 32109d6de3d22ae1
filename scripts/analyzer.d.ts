// The Custom Elements Manifest analyzer ships JavaScript without declarations; these are the parts
// scripts/build.ts uses. (`ts` is the analyzer's own TypeScript 5, not the repo's TypeScript 7.)
declare module '@custom-elements-manifest/analyzer' {
  export const ts: {
    createSourceFile(fileName: string, text: string, target: number, setParentNodes: boolean): unknown;
    ScriptTarget: { ES2015: number };
  };
  export function create(options: { modules: unknown[]; plugins?: unknown[]; context?: { dev?: boolean } }): unknown;
}
declare module '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js' {
  export function litPlugin(): unknown[];
}

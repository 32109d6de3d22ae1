/** Replaced at build time with package.json's version. */
declare const __OMNEO_VERSION__: string;

import type { Page } from 'puppeteer-core';

/** See viewport.mjs: the page's `setViewport` tolerating Firefox ESR 140's missing screen-orientation command. */
export function withViewportFallback<P extends Page>(page: P): P;

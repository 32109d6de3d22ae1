/**
 * Loads each element's chunk the first time its tag is in the document, so a page pays only for the
 * elements it shows. Elements rendered inside a shadow root the loader cannot see (a framework component's,
 * say) are loaded with `OmneoWidgets.load(tag)`; `<omneo-rewards>` imports its own children.
 */
import type { ElementModule } from './element-modules.js';

export interface ElementLoader {
  /** Loads the named elements' code (every element when called without tags); resolves once they are defined. */
  load(...tags: string[]): Promise<void>;
  /** True once any element's code has been requested: the data runtime is (being) loaded. */
  readonly started: boolean;
  /** Tag → why its code could not be loaded (kept after a later attempt loads it): for `OmneoWidgets.diagnose()`. */
  readonly failed: ReadonlyMap<string, unknown>;
}

export function createElementLoader(modules: ReadonlyMap<string, ElementModule>, baseUrl: string, root: Document = document): ElementLoader {
  const requested = new Map<string, Promise<void>>();
  const waiting = new Set(modules.keys());
  const preloaded = new Set<string>();
  const failed = new Map<string, unknown>();

  // <link rel="modulepreload"> fetches and compiles without running, so module order stays the browser's.
  function preload(chunks: readonly string[]) {
    for (const chunk of chunks) {
      const href = new URL(chunk, baseUrl).href;
      if (preloaded.has(href)) continue;
      preloaded.add(href);
      const link = root.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      root.head.append(link);
    }
  }

  function loadTag(tag: string): Promise<void> {
    const existing = requested.get(tag);
    if (existing) return existing;
    const module = modules.get(tag);
    if (!module) {
      return Promise.reject(new Error(`omneo-widgets: there is no element <${tag}>. Elements: ${[...modules.keys()].join(', ')}.`));
    }
    waiting.delete(tag);
    if (waiting.size === 0) unobserve();
    let loading: Promise<void>;
    // Another copy of the widgets (an npm bundle, an older script) may already have defined the tag.
    if (customElements.get(tag)) {
      loading = Promise.resolve();
    } else {
      preload(module.chunks);
      loading = module.load().then(
        () => undefined,
        (error: unknown) => {
          // Forget the failure so that the next sighting, or a retrying host, tries again; said once for the page,
          // not again at each element added later (infinite scroll, a quick view) while the file is still missing.
          requested.delete(tag);
          waiting.add(tag);
          observe();
          if (!failed.has(tag)) console.error(`omneo-widgets: the code for <${tag}> could not be loaded (${(error as Error)?.message ?? error}).`);
          failed.set(tag, error);
          throw error;
        },
      );
    }
    requested.set(tag, loading);
    return loading;
  }

  function loadFound(scope: ParentNode) {
    if (waiting.size === 0) return;
    for (const element of scope.querySelectorAll([...waiting].join(','))) {
      void loadTag(element.localName).catch(() => undefined);
    }
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (waiting.has(element.localName)) void loadTag(element.localName).catch(() => undefined);
        if (element.firstElementChild) loadFound(element);
      }
    }
  });

  let observing = false;
  function observe() {
    if (observing || waiting.size === 0) return;
    observing = true;
    observer.observe(root, { childList: true, subtree: true });
  }
  function unobserve() {
    observing = false;
    observer.disconnect();
  }

  loadFound(root);
  observe();

  return {
    load: (...tags) => Promise.all((tags.length ? tags : [...modules.keys()]).map(loadTag)).then(() => undefined),
    get started() {
      return requested.size > 0;
    },
    failed,
  };
}

/**
 * What a page holds, for the e2e tests that look for leaks (long-run, churn): pending work counted by wrapping the
 * globals the bundle looks up at each call, and counters read through Chromium's DevTools protocol after a full
 * garbage collection.
 */
import type { Opened } from './harness.js';

export const TAGS = ['omneo-points-balance', 'omneo-tier-progress', 'omneo-reward-wallet', 'omneo-wishlist', 'omneo-wishlist-button', 'omneo-rewards'];

/**
 * Installed before any page script: counts the timers and intervals still pending, the fetches still out, the
 * BroadcastChannels still open and the observers still observing, by wrapping the globals the bundle looks up
 * at each call.
 */
export const COUNT_PENDING_WORK = () => {
  const live = { timers: new Set<number>(), intervals: new Set<number>(), channels: new Set<object>(), observers: new Set<object>(), fetches: 0 };
  Object.defineProperty(window, '__live', { value: live });
  const { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: stop, fetch: send } = window;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = set(() => {
      live.timers.delete(id);
      if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...args);
    }, ms);
    live.timers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) live.timers.delete(id);
    clear(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = every(handler, ms, ...args);
    live.intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) live.intervals.delete(id);
    stop(id);
  }) as typeof window.clearInterval;
  window.fetch = (...args: Parameters<typeof fetch>) => {
    live.fetches += 1;
    return send(...args).finally(() => (live.fetches -= 1));
  };
  window.BroadcastChannel = class extends window.BroadcastChannel {
    constructor(name: string) {
      super(name);
      live.channels.add(this);
    }
    override close() {
      live.channels.delete(this);
      super.close();
    }
  };
  for (const name of ['MutationObserver', 'IntersectionObserver', 'ResizeObserver'] as const) {
    const { prototype } = window[name] as unknown as { prototype: { observe(...args: unknown[]): void; disconnect(): void } };
    const { observe, disconnect } = prototype;
    prototype.observe = function (this: object, ...args: unknown[]) {
      live.observers.add(this);
      return observe.apply(this, args);
    };
    prototype.disconnect = function (this: object) {
      live.observers.delete(this);
      return disconnect.call(this);
    };
  }
};

/** Every counter, after a full garbage collection (the page must run COUNT_PENDING_WORK first); `tags`: the element classes to count live instances of. */
export async function measure(opened: Opened, tags: readonly string[] = TAGS) {
  const cdp = await opened.context.newCDPSession(opened.page);
  try {
    for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
    const instances = async (prototypeExpression: string) => {
      const prototype = await cdp.send('Runtime.evaluate', { expression: prototypeExpression });
      const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId!, objectGroup: 'count' });
      const length = await cdp.send('Runtime.callFunctionOn', {
        objectId: found.objects.objectId!,
        functionDeclaration: 'function () { return this.length; }',
        returnByValue: true,
      });
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'count' });
      return length.result.value as number;
    };
    const listenersOn = async (expression: string) => {
      const target = await cdp.send('Runtime.evaluate', { expression });
      return (await cdp.send('DOMDebugger.getEventListeners', { objectId: target.result.objectId! })).listeners.map((l) => l.type).sort();
    };
    const elements: Record<string, number> = {};
    for (const tag of tags) elements[tag] = await instances(`customElements.get('${tag}').prototype`);
    const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const pending = await opened.page.evaluate(() => {
      const { timers, intervals, channels, observers, fetches } = (window as unknown as { __live: Record<'timers' | 'intervals' | 'channels' | 'observers', Set<unknown>> & { fetches: number } }).__live;
      return { timers: timers.size, intervals: intervals.size, fetches, channels: channels.size, observers: observers.size, sessionStorage: sessionStorage.length };
    });
    return {
      counts: {
        elements,
        window: await listenersOn('window'),
        document: await listenersOn('document'),
        jsEventListeners,
        ...pending,
        abortSignals: await instances('AbortSignal.prototype'),
        abortControllers: await instances('AbortController.prototype'),
        messagePorts: await instances('MessagePort.prototype'),
        promises: await instances('Promise.prototype'),
      },
      nodes,
      heap: usedSize,
    };
  } finally {
    await cdp.detach();
  }
}


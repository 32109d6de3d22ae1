/**
 * What an error on screen keeps alive (Node's V8, as Chromium's): until an Error's stack is read, V8 keeps the frames
 * it was made in, and with a load's async frames its AbortController and client. The store reads the stack of the
 * error it shows (840b188); the error's `cause` is an Error of its own, made in the frames of the fetch that failed.
 */
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CrossPageCache, type KeyValueStorage } from '../../src/api/cache.js';
import { balancesResource } from '../../src/api/balances.js';
import { createOmneoClient } from '../../src/api/client.js';
import { OmneoStore } from '../../src/api/store.js';
import { createTokenProvider } from '../../src/api/token-provider.js';
import { createMockOmneo } from '../../server/mock-omneo/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
  };
}

/** A port nothing listens on: a real connection refused, the error made by Node's own fetch. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A real HTTP server for the API: it never answers (a timeout), or answers 200 with a body that is not JSON. */
async function apiServer(answer: 'never' | 'not-json'): Promise<{ base: string; server: Server }> {
  const server = createHttpServer((_request, response) => {
    if (answer === 'not-json') response.writeHead(200, { 'Content-Type': 'application/json' }).end('<html>maintenance</html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}/id/api/v1`, server };
}

const FAILURES = {
  'a refused connection (the error has a cause)': async () => ({ base: `http://127.0.0.1:${await closedPort()}/id/api/v1`, server: null, kind: 'network' }),
  'a timeout': async () => ({ ...(await apiServer('never')), kind: 'timeout' }),
  'a body that is not JSON': async () => ({ ...(await apiServer('not-json')), kind: 'parse' }),
} as const;

describe('store: an error on screen', () => {
  for (const [failure, start] of Object.entries(FAILURES)) {
    it(`keeps no failed load's AbortController alive: ${failure}`, async () => {
      const controllers = new Set<WeakRef<AbortController>>();
      const RealAbortController = globalThis.AbortController;
      globalThis.AbortController = class extends RealAbortController {
        constructor() {
          super();
          controllers.add(new WeakRef(this));
        }
      };
      const { base, server, kind } = await start();
      try {
        const mock = createMockOmneo();
        const token = await mock.mintToken('ava');
        const tokens = createTokenProvider({ source: async () => ({ token, exp: Date.now() / 1000 + 900 }) });
        const store = new OmneoStore({
          client: createOmneoClient({ apiBase: base, tokens, timeoutMs: 200, retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } }),
          tokens,
          cacheScope: 'retention',
          cache: new CrossPageCache(memoryStorage(), 'retention'),
        });
        await store.load(balancesResource);
        const shown = store.snapshot(balancesResource);
        assert.equal(shown.status, 'error');
        assert.equal(shown.error?.kind, kind);
        for (let i = 0; i < 4; i++) {
          gc();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const alive = [...controllers].filter((ref) => ref.deref()).length;
        // The store's session controller lives as long as the store; nothing of the failed load may.
        assert.equal(alive, 1, `${alive} AbortControllers alive while the error is on screen (the store's session one only)`);
        store.dispose();
      } finally {
        globalThis.AbortController = RealAbortController;
        server?.closeAllConnections();
        server?.close();
      }
    });
  }
});

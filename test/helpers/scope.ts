/**
 * Test scopes: each one is a fresh mock Omneo instance on the test server (see server/dev/app.ts), so test
 * files running in parallel never see each other's data, faults or request counts.
 */
import type { FaultRuleJson } from '../../server/mock-omneo/faults.js';

export type FaultRule = FaultRuleJson;

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string as sent (`?…`), or `""`. */
  search: string;
}

export interface TestScope {
  scope: string;
  apiBase: string;
  tokenEndpoint(persona: string): string;
  addFaults(rules: FaultRule | FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  /** Requests whose path matches, e.g. count('/profiles/me/balances'). */
  count(path: string, method?: string): Promise<number>;
}

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status}: ${await response.text()}`);
  return response;
}

export async function newScope(options: { quirks?: string; tokenTtlSeconds?: number } = {}): Promise<TestScope> {
  const created = (await (await call('/__scopes', { method: 'POST', body: JSON.stringify(options) })).json()) as {
    scope: string;
    apiBase: string;
    tokenEndpointFor: string;
  };
  const base = `/__scopes/${created.scope}`;
  const requests = async () => (await (await call(`${base}/requests`)).json()) as LoggedRequest[];
  return {
    scope: created.scope,
    apiBase: created.apiBase,
    tokenEndpoint: (persona) => created.tokenEndpointFor.replace('{persona}', persona),
    addFaults: async (rules) => void (await call(`${base}/faults`, { method: 'POST', body: JSON.stringify(rules) })),
    clearFaults: async () => void (await call(`${base}/faults`, { method: 'DELETE' })),
    requests,
    clearRequests: async () => void (await call(`${base}/requests`, { method: 'DELETE' })),
    count: async (path, method = 'GET') =>
      (await requests()).filter((request) => request.method === method && request.path.split('?')[0] === path).length,
  };
}

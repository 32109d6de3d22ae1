/**
 * The real token-exchange proxy (signed-assertion adapter, mock Omneo) on a worker thread, for the SFCC
 * cartridge's Loyalty-Token route: Commerce Cloud's service calls are synchronous, so the dw.svc stand-in
 * (integration-helpers.ts `syncProxy`) blocks on Atomics.wait while this thread answers.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { signedAssertionAdapter } from '../../server/proxy/assertion.js';
import { harness } from './proxy-harness.js';

const { secret, signal, port } = workerData as { secret: string; signal: Int32Array; port: MessagePort };
// The real clock: the cartridge signs with Date.now(), as Commerce Cloud does.
const h = harness({ identity: [signedAssertionAdapter({ secret })] });
h.clock.set(new Date().toISOString());

port.on('message', async (request: { method: string; url: string; headers: Record<string, string>; body: string | null }) => {
  let reply: Record<string, unknown>;
  try {
    const response = await h.proxy.fetch(new Request(request.url, { method: request.method, headers: request.headers, body: request.body || undefined }));
    reply = {
      status: response.status,
      text: await response.text(),
      headers: Object.fromEntries(response.headers),
      log: h.logs.at(-1),
      minted: h.upstream.filter((call) => call.path.endsWith('/auth/token')).length,
    };
  } catch (error) {
    reply = { failed: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

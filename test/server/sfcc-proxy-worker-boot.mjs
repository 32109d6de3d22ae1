// Worker entry for sfcc-proxy-worker.ts: on Node 20 a worker thread does not inherit the `--import tsx` hooks,
// so it registers tsx itself before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./sfcc-proxy-worker.ts', import.meta.url).href);

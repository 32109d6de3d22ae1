import path from 'node:path';
import type { Plugin } from 'vite';
import { createDevApp, isDevAppPath, nodeListener, type DevAppOptions } from './app.js';
import { DEMO_IMAGE_HEADERS, demoImageSvg, isDemoImagePath } from './demo-images.js';

/**
 * Mounts the dev app (mock Omneo, proxy, demo routes, test scopes) inside Vite's dev server, serves the
 * repository's `/src/...` to pages under a different Vite root (demo/), and answers the mock personas'
 * relative image URLs (`/products/…`, `/storage/…`) with drawn pictures (demo-images.ts).
 */
export function omneoDevPlugin(options: DevAppOptions & { repoRoot: string }): Plugin {
  const { app } = createDevApp(options);
  const listener = nodeListener(app);
  const srcDir = path.join(options.repoRoot, 'src');
  return {
    name: 'omneo-dev-app',
    enforce: 'pre',
    resolveId(id) {
      // `/src/index.ts` in a demo page means the repository's src/, not demo/src/.
      if (id === '/src' || id.startsWith('/src/')) return path.join(srcDir, id.slice('/src'.length));
      return null;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const pathname = (req.url ?? '/').split('?')[0] ?? '/';
        if (isDemoImagePath(pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
          const svg = demoImageSvg(pathname) ?? '';
          res.writeHead(200, { ...DEMO_IMAGE_HEADERS, 'Content-Length': String(Buffer.byteLength(svg)) });
          res.end(req.method === 'HEAD' ? undefined : svg);
          return;
        }
        if (!isDevAppPath(pathname)) return next();
        listener(req, res).catch(next);
      });
    },
  };
}

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const apiTarget = process.env.AFTERSALES_API_URL ?? 'http://localhost:3000';

/**
 * Writes `.br` and `.gz` beside every built script, style and SVG, compressed once at their best
 * levels; the server's static handler sends them as the browser asks (`preCompressed`).
 */
function precompress(): Plugin {
  let outDir = '';
  let isServerBuild = false;
  return {
    name: 'aftersales-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      isServerBuild = Boolean(config.build.ssr);
    },
    closeBundle() {
      // The probe writes nothing; the server's render (dist/ssr) is read from disk, never sent.
      if (process.env.AFTERSALES_WEB_PROBE === '1' || isServerBuild) return;
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const full = path.join(dir, name);
          return statSync(full).isDirectory() ? walk(full) : [full];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|svg|html|json)$/.test(file)) continue;
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * The default language's texts are a lazy chunk (i18n/index.ts) that the app asks for only once its scripts
 * have run; a modulepreload in the page lets the browser fetch it beside them (issue 9: first load).
 */
function preloadDefaultLanguage(): Plugin {
  return {
    name: 'aftersales-preload-language',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (item) => item.type === 'chunk' && item.facadeModuleId?.replaceAll('\\', '/').endsWith('/src/web/i18n/zh-CN.ts'),
        );
        if (!chunk) return [];
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

/**
 * React Router's package exports point only at its development build (extra checks and warnings on every
 * render); its production build sits beside it. Production bundles use that one.
 */
const reactRouterProduction = (file: string) => path.resolve(import.meta.dirname, 'node_modules/react-router/dist/production', file);

export default defineConfig(({ command }) => ({
  root: 'src/web',
  resolve: {
    alias:
      command === 'build'
        ? [
            { find: /^react-router$/, replacement: reactRouterProduction('index.mjs') },
            { find: /^react-router\/dom$/, replacement: reactRouterProduction('dom-export.mjs') },
          ]
        : [],
  },
  plugins: [react(), precompress(), preloadDefaultLanguage()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Framework code that every page needs in one cacheable chunk each; the rest of
          // node_modules goes with the pages that import it (route chunks, see app.tsx).
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      // SSE (/api/v1/live) goes through the same proxy; the server keeps the stream open.
      '/api': { target: apiTarget, changeOrigin: false, ws: false },
    },
  },
}));

// Builds the web app (dist/web) in two passes, so the first screen arrives as six files instead of seventy.
//
// Rolldown splits every module that the entry and some lazy page both import into its own shared chunk, even
// when the entry has loaded it already (rolldown#10731). The queue then needed ~70 module requests, each
// fetched, parsed and linked before the first render (issue 9: first load). A quick first pass (no minifying,
// nothing written) finds the modules the entry loads at start; the real build groups them: four library
// chunks (they change rarely, so stay cached across releases) and the app's own code. Four libraries, not one:
// chromium parses each script on a background thread, and one 1.2 MB chunk took ~550 ms to parse alone while
// the page waited; split, they parse side by side (first-load bench: evaluation starts ~150 ms earlier).
// Higher priority groups capture first (with their dependencies): react before antd's base before antd.
// Lazy pages and the language catalogues stay in their own chunks.
//
//   npm run build                (also `npm start` and `npm test`)
//   npx vite build               still works: the same app in more, smaller files
//   tsx scripts/build-web.ts --sourcemap   with source maps, to profile the built app
import { build, type Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

const quiet = process.argv.includes('--quiet');
// Source maps for profiling the built app (not shipped by default).
const sourcemap = process.argv.includes('--sourcemap');

function outputsOf(result: Awaited<ReturnType<typeof build>>): Rolldown.RolldownOutput[] {
  if (Array.isArray(result)) return result;
  if ('output' in result) return [result];
  throw new Error('the probe build returned a watcher');
}

/** The modules of the entry chunk and of every chunk it imports statically: what the first screen loads. */
function firstScreenModules(chunks: OutputChunk[]): Set<string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const pending = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  const seen = new Set<string>();
  const modules = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    const chunk = byFile.get(file);
    if (!chunk || seen.has(file)) continue;
    seen.add(file);
    for (const id of chunk.moduleIds) modules.add(id);
    pending.push(...chunk.imports);
  }
  return modules;
}

// The probe writes nothing, so the precompression step (vite.config.ts) has nothing to do.
process.env.AFTERSALES_WEB_PROBE = '1';
const probe = outputsOf(
  await build({
    logLevel: 'silent',
    build: { write: false, minify: false, sourcemap: false, reportCompressedSize: false },
  }),
);
const chunks = probe.flatMap((output) => output.output).filter((item): item is OutputChunk => item.type === 'chunk');
const firstScreen = firstScreenModules(chunks);
delete process.env.AFTERSALES_WEB_PROBE;
const inPackage = (pattern: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${pattern})[\\\\/]`);
const isLibrary = (id: string) => inPackage('.+').test(id);
const isFramework = (id: string) => inPackage('react|react-dom|scheduler|react-router|react-router-dom').test(id);
const isAntdBase = (id: string) => inPackage('@ant-design|@rc-component|rc-[^/\\\\]+').test(id);

await build({
  logLevel: quiet ? 'warn' : 'info',
  build: {
    sourcemap,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: (id: string) => firstScreen.has(id) && isFramework(id), priority: 10 },
            { name: 'antd', test: (id: string) => firstScreen.has(id) && inPackage('antd').test(id), priority: 3 },
            { name: 'antd-base', test: (id: string) => firstScreen.has(id) && isAntdBase(id), priority: 5 },
            { name: 'vendor', test: (id: string) => firstScreen.has(id) && isLibrary(id), priority: 2 },
            { name: 'app', test: (id: string) => firstScreen.has(id), priority: 1 },
          ],
        },
      },
    },
  },
});

// The server's render of the first screen (src/web/entry-server.tsx → dist/ssr/entry-server.js), everything
// bundled in, so the server needs nothing from the web's dependencies at run time.
await build({
  logLevel: quiet ? 'warn' : 'info',
  // Not the `node` condition: @ant-design/icons maps it to its CommonJS build, which cannot be tree-shaken
  // (all 1,788 icons, 2.9 MB, ~185 MB of server memory); its ES modules keep the few the app uses.
  ssr: { noExternal: true, resolve: { conditions: ['module', 'production'] } },
  publicDir: false,
  // React's production build whatever NODE_ENV the server runs with (its development build renders ~3× slower).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    ssr: 'entry-server.tsx',
    outDir: '../../dist/ssr',
    emptyOutDir: true,
    sourcemap,
    rolldownOptions: { output: { entryFileNames: 'entry-server.js' } },
  },
});

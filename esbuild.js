// Bundles the extension host code into two CommonJS files (the activation shell and the services
// it loads on first use; `vscode` is provided by the editor), and the payload panel's webview app
// (src/webview/payload/) into one browser script, dist/webview/payload.js.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--metafile=<file>` keeps esbuild's metafile, for a size breakdown (esbuild.github.io/analyze). */
const metafileOut = process.argv.find((a) => a.startsWith('--metafile='))?.slice('--metafile='.length);

/**
 * Modules the bundle leaves out because the extension never runs them; each is replaced by a stub
 * that throws, so reaching one would fail loudly instead of misbehaving.
 * - `web-streams-polyfill` (59 KB): fetch-blob (under node-fetch 3) requires it only when the
 *   runtime has neither `globalThis.ReadableStream` nor `node:stream/web`; every Node the editor
 *   runs on (>= 18) has both.
 * - node-fetch's multipart parser (5 KB): loaded only by `Response.formData()`, which nothing calls
 *   (src/core/http.ts reads bodies with `text()`).
 */
const STUBBED = [
  { filter: /^web-streams-polyfill(\/|$)/, why: 'this runtime has no ReadableStream (Node >= 18 is required)' },
  { filter: /^\.\/utils\/multipart-parser\.js$/, importer: /node-fetch/, why: 'Response.formData() is not supported' },
];
const stubs = {
  name: 'stubs',
  setup(build) {
    for (const { filter, importer, why } of STUBBED) {
      build.onResolve({ filter }, (args) =>
        !importer || importer.test(args.importer) ? { path: args.path, namespace: 'stub', pluginData: why } : undefined,
      );
    }
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled: ${args.pluginData}`)});`,
      loader: 'js',
    }));
  },
};

/**
 * The seam of lazy loading (src/ui/loader.ts): its `require('./services')` stays a require of the
 * second output file, dist/services.js, instead of pulling the services into dist/extension.js.
 */
const lazyServices = {
  name: 'lazy-services',
  setup(build) {
    build.onResolve({ filter: /^\.\/services$/ }, (args) =>
      /[\\/]src[\\/]ui[\\/]loader\.ts$/.test(args.importer) ? { path: './services.js', external: true } : undefined,
    );
  },
};

/**
 * The two files the extension ships: dist/extension.js, the activation shell (registers the view,
 * commands, serializer and document provider), and dist/services.js, everything they forward to,
 * loaded on first use.
 */
const ENTRY_POINTS = { extension: 'src/extension.ts', services: 'src/ui/services.ts' };

/** How the extension host code is bundled; exported so that a smoke test can bundle other entries alike. */
const bundleOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  external: ['vscode'],
  // Prefer the packages' ES module builds: only those tree-shake (zod/mini keeps just what the
  // schemas use).
  mainFields: ['module', 'main'],
  conditions: ['import'],
  plugins: [stubs, lazyServices],
};

/** The payload panel's page: a browser script loaded by the panel's HTML (src/ui/webviewHtml.ts) with its nonce. */
const WEBVIEW_ENTRY_POINTS = { payload: 'src/webview/payload/main.ts' };

/** How the webview app is bundled; exported so that test/ui/payload-standalone.js bundles the same page. */
const webviewOptions = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  // The editor's own Chromium runs the page.
  target: 'es2022',
};

/**
 * In watch mode, one line when a rebuild starts and one when it ends: the background problem
 * matcher of .vscode/tasks.json waits for the second before F5 starts the Extension Development Host.
 * Both bundles share the one plugin object, so a change both import (src/core/jsonModel/) ends
 * with one "finished" line, after the last of them.
 */
let building = 0;
const watchLines = {
  name: 'watch-lines',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) console.error(`✘ [ERROR] ${text}${location ? `\n    ${location.file}:${location.line}:${location.column}:` : ''}`);
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

async function main() {
  const common = {
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  };
  const contexts = await Promise.all([
    esbuild.context({
      ...bundleOptions,
      ...common,
      entryPoints: ENTRY_POINTS,
      outdir: 'dist',
      plugins: watch ? [...bundleOptions.plugins, watchLines] : bundleOptions.plugins,
    }),
    esbuild.context({ ...webviewOptions, ...common, entryPoints: WEBVIEW_ENTRY_POINTS, outdir: 'dist/webview', plugins: watch ? [watchLines] : [] }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (metafileOut) require('fs').writeFileSync(metafileOut, JSON.stringify(results[0].metafile));
  const js = results.flatMap((r) => Object.entries(r.metafile.outputs)).filter(([file]) => file.endsWith('.js'));
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const sizes = js.map(([file, o]) => `${file} ${kb(o.bytes)}`).join(', ');
  console.log(`${sizes}; together ${kb(js.reduce((n, [, o]) => n + o.bytes, 0))}${production ? ' (minified)' : ''}`);
}

module.exports = { bundleOptions, webviewOptions, WEBVIEW_ENTRY_POINTS };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

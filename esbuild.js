// Bundles the extension host code into one CommonJS file; `vscode` is provided by the editor.
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
  plugins: [stubs],
};

async function main() {
  const ctx = await esbuild.context({
    ...bundleOptions,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  if (watch) {
    await ctx.watch();
    return;
  }
  const result = await ctx.rebuild();
  await ctx.dispose();
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  if (metafileOut) require('fs').writeFileSync(metafileOut, JSON.stringify(result.metafile));
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KB${production ? ' (minified)' : ''}`);
}

module.exports = { bundleOptions };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

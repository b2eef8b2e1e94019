/**
 * The one seam between the activation shell and the rest of the extension. In the bundle,
 * esbuild.js turns this `require('./services')` into `require('./services.js')`, a second file
 * (dist/services.js) that is compiled and run only when first needed; compiled by tsc (tests,
 * benchmarks) it loads out/src/ui/services.js alike.
 */
import type * as ServicesModule from './services';

let loaded: typeof ServicesModule | undefined;

export function servicesModule(): typeof ServicesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./services') as typeof ServicesModule);
}

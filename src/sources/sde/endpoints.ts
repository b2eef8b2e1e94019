import type { SdeSourceConfig } from '../../core/config';

export interface SdeEndpoints {
  /** The instance's origin, e.g. `https://acme.sdelements.com`: links in activity texts resolve against it only. */
  readonly origin: string;
  readonly host: string;
  /** `<instance>/api/v2/`: paths are appended, each with its trailing slash. */
  readonly api: string;
}

export function sdeEndpoints(config: Pick<SdeSourceConfig, 'url'>): SdeEndpoints {
  const url = new URL(config.url.trim());
  // Users paste the instance, or the API base they saw in the docs.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/v2)?$/, '');
  return { origin: url.origin, host: url.host, api: `${url.origin}${path}/api/v2/` };
}

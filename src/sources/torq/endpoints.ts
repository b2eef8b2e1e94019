import type { TorqSourceConfig } from '../../core/config';

export interface TorqEndpoints {
  /** e.g. https://api.torq.io — paths `/public/v1alpha/...` are appended. */
  readonly api: string;
  /** e.g. https://auth.torq.io — `/v1/auth/token` is appended. */
  readonly auth: string;
  /** e.g. https://app.torq.io */
  readonly ui: string;
  /** `{ui}`, `{workflow_id}` and `{execution_id}` are replaced. */
  readonly executionUrlTemplate: string;
}

export const DEFAULT_EXECUTION_URL_TEMPLATE = '{ui}/workflows/{workflow_id}/executions/{execution_id}';

export const TORQ_REGIONS: Readonly<Record<'us' | 'eu', Omit<TorqEndpoints, 'executionUrlTemplate'>>> = {
  us: { api: 'https://api.torq.io', auth: 'https://auth.torq.io', ui: 'https://app.torq.io' },
  eu: { api: 'https://api.eu.torq.io', auth: 'https://auth.eu.torq.io', ui: 'https://app.eu.torq.io' },
};

/** Where a Torq source's credentials go: the client id and secret to the token host, the bearer token to the API. */
export function torqCredentialOrigins(endpoints: Pick<TorqEndpoints, 'api' | 'auth'>): string[] {
  return [...new Set([new URL(endpoints.auth).origin, new URL(endpoints.api).origin])];
}

export function torqEndpoints(config: TorqSourceConfig): TorqEndpoints {
  const region = TORQ_REGIONS[config.region ?? 'us'];
  const strip = (u: string) => u.replace(/\/+$/, '');
  return {
    // Users copy the base from Torq's docs with or without the `/public` prefix.
    api: strip(config.apiUrl ?? region.api).replace(/\/public$/, ''),
    auth: strip(config.authUrl ?? region.auth),
    ui: strip(config.uiUrl ?? region.ui),
    executionUrlTemplate: config.executionUrlTemplate ?? DEFAULT_EXECUTION_URL_TEMPLATE,
  };
}

/** Each execution URL template split once into its text and its placeholders (`{ui}` already filled in). */
const templateParts = new WeakMap<TorqEndpoints, string[]>();

/** Whether the execution URL template names the workflow (the default does); one that does not needs only the execution id. */
export function templateNeedsWorkflow(endpoints: TorqEndpoints): boolean {
  return endpoints.executionUrlTemplate.includes('{workflow_id}');
}

export function executionUrl(endpoints: TorqEndpoints, workflowId: string, executionId: string): string {
  let parts = templateParts.get(endpoints);
  if (!parts) {
    // Odd indexes hold the placeholder names; `{ui}` is replaced by its value now.
    parts = endpoints.executionUrlTemplate.split(/\{(ui|workflow_id|execution_id)\}/);
    for (let i = 1; i < parts.length; i += 2) {
      if (parts[i] === 'ui') {
        parts[i - 1] += endpoints.ui + parts[i + 1];
        parts.splice(i, 2);
        i -= 2;
      }
    }
    templateParts.set(endpoints, parts);
  }
  let url = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    url += (parts[i] === 'workflow_id' ? encodeURIComponent(workflowId) : encodeURIComponent(executionId)) + parts[i + 1];
  }
  return url;
}

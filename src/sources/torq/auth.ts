/**
 * Torq's client-credentials exchange: Basic client_id:client_secret against the auth host, a bearer
 * token valid for `expires_in` seconds, cached until shortly before it runs out and shared by
 * concurrent requests.
 */
import { decodeResponse, sourceSecret } from '../../core/api';
import { ActivityLogsError } from '../../core/errors';
import type { SourceContext } from '../../core/source';
import { type TorqEndpoints, torqCredentialOrigins } from './endpoints';
import { tokenResponseSchema, torqErrorMessage } from './schema';

const SERVICE = 'Torq authentication';
/** Refresh this long before expiry so that a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;

export class TorqTokenProvider {
  private cached: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly sourceId: string,
    private readonly endpoints: Pick<TorqEndpoints, 'api' | 'auth'>,
    private readonly ctx: SourceContext,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid bearer token, fetched when none is cached or the cached one is about to expire. */
  token(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return Promise.resolve(this.cached.token);
    this.pending ??= this.fetchToken(signal).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the cached token (Torq answered 302 or 401 with it). */
  invalidate(token?: string): void {
    if (!token || this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    // Bound to both hosts: the secret goes to the token host, the bearer token it buys to the API.
    const origins = torqCredentialOrigins(this.endpoints);
    const missing = 'No Torq client ID and secret are set for this workspace';
    const clientId = await sourceSecret(this.ctx, this.sourceId, 'clientId', origins, missing);
    const clientSecret = await sourceSecret(this.ctx, this.sourceId, 'clientSecret', origins, missing);
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    this.ctx.redactor.register(basic, this.sourceId);
    const res = await this.ctx.http.send({
      service: SERVICE,
      method: 'POST',
      url: `${this.endpoints.auth}/v1/auth/token`,
      form: { grant_type: 'client_credentials' },
      credential: { header: `Basic ${basic}`, origin: new URL(this.endpoints.auth).origin },
      headers: { 'Accept-Language': 'en_US' },
      idempotent: true,
      signal,
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new ActivityLogsError('auth', `Torq did not accept the client ID and secret (HTTP ${res.status}). Generate a new API key in Torq and enter it again.`, {
        status: res.status,
      });
    }
    const body = decodeResponse(res, tokenResponseSchema, SERVICE, torqErrorMessage, this.ctx.redactor);
    this.ctx.redactor.register(body.access_token, this.sourceId);
    this.cached = { token: body.access_token, expiresAt: this.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}

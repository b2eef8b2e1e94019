/**
 * Actor ids → names, through `GET /api/v2/users/{id}/`, asked at most once per id and instance.
 * Reading other users may be forbidden (403) or the user gone (404): that answer is remembered
 * too, and the caller falls back to the activity's own text. Other failures (network, 5xx) are
 * not remembered, so the next page tries again.
 */
import { asActivityLogsError, isCancelled } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { SdeClient } from './client';
import { userDisplayName } from './schema';

/** Lookups in flight at once for one page. */
const CONCURRENCY = 4;

export class UserDirectory {
  private readonly names = new Map<number, Promise<string | undefined>>();
  /** Requests sent: tests read it. */
  lookups = 0;

  constructor(
    private readonly client: Pick<SdeClient, 'user'>,
    private readonly log: Logger,
  ) {}

  /** The name of user `id`; undefined when it cannot be read. */
  name(id: number, signal?: AbortSignal): Promise<string | undefined> {
    let pending = this.names.get(id);
    if (!pending) {
      this.lookups++;
      pending = this.client.user(id, signal).then(
        (user) => userDisplayName(user),
        (error: unknown) => {
          const e = asActivityLogsError(error);
          if (e.kind === 'permission' || e.kind === 'notFound') return undefined;
          // Not an answer about the user: forget the attempt, so a later page asks again.
          this.names.delete(id);
          if (!isCancelled(e)) this.log.warn(`SD Elements: could not look up user ${id}: ${e.message}`);
          return undefined;
        },
      );
      this.names.set(id, pending);
    }
    return pending;
  }

  /** Names of the distinct ids, at most CONCURRENCY lookups at a time. */
  async resolve(ids: Iterable<number>, signal?: AbortSignal): Promise<Map<number, string | undefined>> {
    const distinct = [...new Set(ids)];
    const out = new Map<number, string | undefined>();
    let next = 0;
    const worker = async () => {
      while (next < distinct.length) {
        const id = distinct[next++];
        out.set(id, await this.name(id, signal));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, distinct.length) }, worker));
    return out;
  }
}

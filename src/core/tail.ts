/**
 * Live tail: polls a listing for what is newer than the newest entry seen, drains every page of
 * a burst (the Slack CLI keeps only one page and drops the rest), de-duplicates by key across an
 * overlap window (Torq's audit log lags up to 5 minutes), backs off when rate limited and stops
 * after an idle period.
 */
import { Activity, compareNewestFirst } from './activity';
import { ActivityLogsError, asActivityLogsError, isCancelled } from './errors';
import { abortableSleep } from './http';
import type { PageFetcher } from './paging';
import { iteratePages } from './paging';
import type { ResolvedWindow } from './time';

export interface TailOptions {
  /** The listing to poll, for a window. */
  readonly list: (window: ResolvedWindow) => PageFetcher<Activity>;
  /** Entries at or after this time are new (usually the newest already shown). */
  readonly startMs: number;
  /** Keys already shown, so the first poll does not repeat them. */
  readonly knownKeys?: Iterable<string>;
  /** The shortest time between two polls, whatever a server's Retry-After says. */
  readonly intervalMs: number;
  /** Stop after this long without anything new, or after failing for this long without a good poll. */
  readonly idleMs: number;
  /** How far back each poll looks before the newest entry seen (late arrivals). */
  readonly overlapMs?: number;
  /** Bound on pages drained in one poll. */
  readonly maxPagesPerPoll?: number;
  /** What is tailed, for messages ("Acme Torq › All events"). */
  readonly service?: string;
  readonly onItems: (newestFirst: Activity[]) => void;
  readonly onError?: (error: ActivityLogsError, willRetryInMs: number) => void;
  readonly onStop?: (reason: 'stopped' | 'idle' | 'error') => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The longest wait between two polls after a failure (a longer Retry-After is cut to it). */
const MAX_WAIT_MS = 5 * 60_000;

/** Why a tail that kept failing stopped: the last failure, and for how long polls have failed. */
function gaveUpError(last: ActivityLogsError, failingMs: number, service: string | undefined): ActivityLogsError {
  const minutes = Math.max(1, Math.round(failingMs / 60_000));
  const what = service ? `The live tail of ${service}` : 'The live tail';
  return new ActivityLogsError(last.kind, `${what} stopped: every poll failed for ${minutes} min. The last failure: ${last.message}`, {
    status: last.status,
    code: last.code,
    fix: last.fix,
    cause: last,
  });
}

export class Tail {
  private readonly controller = new AbortController();
  private readonly seen = new Map<string, number>();
  private newestMs: number;
  private lastNewAt: number;
  private running = false;
  /** Polls done, for tests and the status bar. */
  polls = 0;

  constructor(private readonly options: TailOptions) {
    const now = options.now ?? Date.now;
    this.newestMs = options.startMs;
    this.lastNewAt = now();
    for (const key of options.knownKeys ?? []) this.seen.set(key, options.startMs);
  }

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    if (!this.running) return;
    this.controller.abort();
  }

  private async loop(): Promise<void> {
    const { options } = this;
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? abortableSleep;
    const signal = this.controller.signal;
    let reason: 'stopped' | 'idle' | 'error' = 'stopped';
    let failures = 0;
    /** When the current run of failed polls began. */
    let failingSince = 0;
    try {
      while (!signal.aborted) {
        let wait = options.intervalMs;
        try {
          const fresh = await this.poll(signal);
          failures = 0;
          if (fresh.length) {
            this.lastNewAt = now();
            options.onItems(fresh);
          } else if (now() - this.lastNewAt >= options.idleMs) {
            reason = 'idle';
            break;
          }
        } catch (e) {
          if (isCancelled(e) || signal.aborted) break;
          const error = asActivityLogsError(e);
          if (error.kind === 'auth' || error.kind === 'permission' || error.kind === 'config' || error.kind === 'plan') {
            options.onError?.(error, -1);
            reason = 'error';
            break;
          }
          if (failures++ === 0) failingSince = now();
          if (now() - failingSince >= options.idleMs) {
            options.onError?.(gaveUpError(error, now() - failingSince, options.service), -1);
            reason = 'error';
            break;
          }
          // Never sooner than the interval: a Retry-After of 0 (or one a server got wrong) must not make it spin.
          const asked = error.retryAfterMs ?? options.intervalMs * 2 ** failures;
          wait = Math.max(options.intervalMs, Math.min(asked, MAX_WAIT_MS));
          options.onError?.(error, wait);
        }
        await sleep(wait, signal);
      }
    } catch {
      // the sleep was cancelled: stopped
    } finally {
      this.running = false;
      options.onStop?.(reason);
    }
  }

  /** One poll: every page since the newest seen (minus the overlap), new entries only, newest first. */
  private async poll(signal: AbortSignal): Promise<Activity[]> {
    const now = (this.options.now ?? Date.now)();
    const overlap = this.options.overlapMs ?? 1000;
    const window = { fromMs: this.newestMs - overlap, toMs: now + 1000 };
    const fresh: Activity[] = [];
    this.polls++;
    const paging = { signal, maxPages: this.options.maxPagesPerPoll ?? 100, service: this.options.service };
    for await (const page of iteratePages(this.options.list(window), paging)) {
      for (const a of page.items) {
        if (this.seen.has(a.key)) continue;
        this.seen.set(a.key, a.timeMs);
        fresh.push(a);
      }
    }
    for (const a of fresh) if (a.timeMs > this.newestMs) this.newestMs = a.timeMs;
    // Keys older than the overlap can no longer come back: forget them so memory stays flat.
    const horizon = this.newestMs - overlap - 60_000;
    for (const [key, t] of this.seen) if (t < horizon) this.seen.delete(key);
    return fresh.sort(compareNewestFirst);
  }
}

/**
 * One read of a time window shared by the groups that need the same data (SD Elements' By
 * application / project / business unit / actor each count one facet of the same activities): the
 * first group to expand starts it, the others join it or reuse its result.
 */
import { cancelledError } from './errors';
import type { ResolvedWindow } from './time';

interface Read<T> {
  readonly window: ResolvedWindow;
  readonly result: Promise<T>;
  readonly controller: AbortController;
  /** Callers still waiting for it: when the last one cancels, the read stops. */
  waiting: number;
  settled: boolean;
}

/** A relative window resolved this much later (its width unchanged) still uses the same read. */
export const SHARED_READ_REUSE_MS = 60_000;

export class SharedWindowRead<T> {
  private current: Read<T> | undefined;

  constructor(private readonly read: (window: ResolvedWindow, signal: AbortSignal) => Promise<T>) {}

  /**
   * The read of `window`: the one under way or done for the same window (or the same width
   * resolved less than a minute later), else a new one. A caller's `signal` cancels its wait;
   * aborted once the read is done (the tree refreshing the group), it makes the next call read
   * again. A failed read is not kept.
   */
  get(window: ResolvedWindow, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    const read = this.current && sameWindow(this.current.window, window) ? this.current : this.start(window);
    read.waiting++;
    return new Promise<T>((resolve, reject) => {
      let waiting = true;
      const stopWaiting = () => {
        if (!waiting) return;
        waiting = false;
        read.waiting--;
      };
      const onAbort = () => {
        if (read.settled) {
          this.forget(read);
          return;
        }
        stopWaiting();
        reject(cancelledError());
        if (read.waiting === 0) {
          read.controller.abort();
          this.forget(read);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      read.result.then(
        (value) => {
          stopWaiting();
          resolve(value);
        },
        (error: unknown) => {
          stopWaiting();
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private start(window: ResolvedWindow): Read<T> {
    const controller = new AbortController();
    const read: Read<T> = { window, result: this.read(window, controller.signal), controller, waiting: 0, settled: false };
    // Attached first, so it runs before any caller's continuation; it also keeps a failed read
    // from counting as unhandled (every caller handles the outcome itself).
    read.result.then(
      () => void (read.settled = true),
      () => {
        read.settled = true;
        this.forget(read);
      },
    );
    this.current = read;
    return read;
  }

  private forget(read: Read<T>): void {
    if (this.current === read) this.current = undefined;
  }
}

function sameWindow(done: ResolvedWindow, wanted: ResolvedWindow): boolean {
  const later = wanted.toMs - done.toMs;
  return wanted.toMs - wanted.fromMs === done.toMs - done.fromMs && later >= 0 && later < SHARED_READ_REUSE_MS;
}

/** A progress notification that appears only for work that takes a noticeable time. */
import * as vscode from 'vscode';

/** A load shorter than this shows no notification (the panel says "Loading…" meanwhile). */
const PROGRESS_DELAY_MS = 400;

/**
 * Runs `work` and, if it is still running after a short delay, shows a cancellable notification
 * whose Cancel aborts `controller`.
 */
export async function withDelayedProgress<T>(title: string, controller: AbortController, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  const timer = setTimeout(() => {
    if (settled || controller.signal.aborted) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => {
        const sub = token.onCancellationRequested(() => controller.abort());
        return done.then(
          () => sub.dispose(),
          () => sub.dispose(),
        );
      },
    );
  }, PROGRESS_DELAY_MS);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
}

/** The user-facing text of a failed load. */
export function loadErrorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return typeof err === 'string' && err ? err : 'The payload could not be loaded.';
}

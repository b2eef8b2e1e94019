import * as vscode from 'vscode';
import { asActivityLogsError, isCancelled } from '../core/errors';

export type CommandRegistrar = (id: string, run: (...args: unknown[]) => unknown) => void;

/**
 * Registers commands whose failures reach the user as a message (and the log) instead of an
 * unhandled rejection; a cancelled command says nothing.
 */
export function commandRegistrar(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): CommandRegistrar {
  return (id, run) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (e) {
          if (isCancelled(e)) return;
          const message = asActivityLogsError(e).message;
          log.error(`${id}: ${message}`);
          void vscode.window.showErrorMessage(message);
        }
      }),
    );
}

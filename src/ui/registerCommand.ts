import * as vscode from 'vscode';
import { asActivityLogsError, isCancelled } from '../core/errors';
import type { OutputLog } from './outputLog';

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandRegistrar = (id: string, run: CommandHandler) => void;

/**
 * Collects the extension's command handlers into `table` (the activation shell registers the ids
 * with VS Code and calls into the table). Failures reach the user as a message (and the log)
 * instead of an unhandled rejection; a cancelled command says nothing.
 */
export function commandRegistrar(table: Map<string, CommandHandler>, log: OutputLog): CommandRegistrar {
  return (id, run) => {
    if (table.has(id)) throw new Error(`command ${id} is registered twice`);
    table.set(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (e) {
        if (isCancelled(e)) return;
        const message = log.redact(asActivityLogsError(e).message);
        log.error(`${id}: ${message}`);
        void vscode.window.showErrorMessage(message);
      }
    });
  };
}

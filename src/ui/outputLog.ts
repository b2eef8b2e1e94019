/** The extension's output channel as the rest of the UI may use it: never the raw channel. */
import type * as vscode from 'vscode';
import { type Logger, redactingLogger } from '../core/log';
import type { SecretRedactor } from '../core/redact';

/** Every line written passes the redactor; so does any server text a caller shows (`redact`). */
export interface OutputLog extends Logger {
  show(): void;
  redact(text: string): string;
}

export function outputLog(channel: vscode.LogOutputChannel, redactor: SecretRedactor): OutputLog {
  return {
    ...redactingLogger((level, line) => channel[level](line), redactor),
    show: () => channel.show(),
    redact: (text) => redactor.redact(text),
  };
}

import type { SecretRedactor } from './redact';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogSink = (level: keyof Logger, line: string) => void;

/** A logger whose every line passes `redactor` before it reaches the sink. */
export function redactingLogger(sink: LogSink, redactor: SecretRedactor): Logger {
  const emit = (level: keyof Logger) => (message: string) => sink(level, redactor.redact(message));
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

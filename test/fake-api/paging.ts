/**
 * Page tokens shared by the fakes. Each product's token is opaque to clients but bound to the
 * filters it was issued for, as real servers do: reusing it with other filters is an error.
 */
import { createHash } from 'crypto';
import { canonicalJson } from './http-util';

/** Short stable hash of a set of filters (any JSON value). */
export function filterHash(filters: unknown): string {
  return createHash('sha256').update(canonicalJson(filters)).digest('base64url').slice(0, 22);
}

/** Base64 of a JSON object: opaque to clients, easy to validate here. */
export function encodeOpaque(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
}

export function decodeOpaque(token: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers which filter sets a plain (unsigned) cursor was handed out for, for cursors whose
 * format is fixed by the vendor (Slack: base64 of `log_id:<n>`) and so cannot carry a hash.
 */
export class CursorBook {
  private readonly issued = new Map<string, Set<string>>();

  constructor(private readonly limit = 200_000) {}

  remember(cursor: string, filters: string): void {
    if (this.issued.size >= this.limit) {
      this.issued.clear();
    }
    let set = this.issued.get(cursor);
    if (!set) {
      set = new Set();
      this.issued.set(cursor, set);
    }
    set.add(filters);
  }

  wasIssued(cursor: string, filters: string): boolean {
    return this.issued.get(cursor)?.has(filters) ?? false;
  }

  clear(): void {
    this.issued.clear();
  }
}

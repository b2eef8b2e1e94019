/**
 * Keeps secrets out of every message and log line. Each source is given a redactor (the extension
 * shares one among its sources, its logger and its HTTP client; each test makes its own): the
 * secrets a source reads are registered with it, under the source's id, and forgotten with the
 * source's credentials. Well-known credential shapes are masked even when not registered.
 */

const MASK = '••••';
/** How far past a preview's cut a secret may reach and still be masked (long tokens, JWTs). */
const PREVIEW_MARGIN = 8192;

const CREDENTIAL_SHAPES: ReadonlyArray<[RegExp, string]> = [
  // A digit is required so that prose such as "Token received" is left alone.
  [/\b(Bearer|Token|Basic)\s+(?=[A-Za-z._~+\/=-]*[0-9])[A-Za-z0-9._~+\/=-]{6,}/g, `$1 ${MASK}`],
  [/\bxox[a-z]-[A-Za-z0-9-]+/gi, MASK],
  [/\b(access_token|client_secret|token|password|secret)(["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi, `$1$2${MASK}`],
];

/** What a server may put between two characters of a secret: a line break, raw or JSON-escaped. */
const LINE_BREAK = String.raw`(?:\r?\n[ \t]*|(?:\\r)?\\n)?`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Every way a server may write one character of a secret back: as itself in either case,
 * percent-encoded (either case of hex), `+` for a space, `\/` for a slash, or `\u`-escaped.
 */
function characterPattern(ch: string): string {
  const forms = [escapeRegExp(ch)];
  forms.push([...new TextEncoder().encode(ch)].map((b) => `%${hex(b, 2)}`).join(''));
  let escaped = '';
  for (let i = 0; i < ch.length; i++) escaped += String.raw`\\u` + hex(ch.charCodeAt(i), 4);
  forms.push(escaped);
  if (ch === ' ') forms.push(String.raw`\+`);
  if (ch === '/') forms.push(String.raw`\\/`);
  return `(?:${forms.join('|')})`;
}

/** Matches the secret written any of those ways, case-insensitively, wrapped across lines. */
function secretPattern(secret: string): RegExp {
  return new RegExp([...secret].map(characterPattern).join(LINE_BREAK), 'gi');
}

export class SecretRedactor {
  /** Each secret with its pattern and the owners (source ids) that registered it. */
  private readonly secrets = new Map<string, { readonly pattern: RegExp; readonly owners: Set<string> }>();

  /**
   * Values shorter than 4 characters are not registered: masking them would garble ordinary text.
   * `owner` (the source id) forgets it again with `forgetOwner`.
   */
  register(secret: string | undefined, owner = ''): void {
    if (!secret || secret.length < 4) return;
    const known = this.secrets.get(secret);
    if (known) known.owners.add(owner);
    else this.secrets.set(secret, { pattern: secretPattern(secret), owners: new Set([owner]) });
  }

  unregister(secret: string | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  /** Forgets what `owner` registered (its credentials were forgotten), unless another owner registered it too. */
  forgetOwner(owner: string): void {
    for (const [secret, entry] of this.secrets) {
      entry.owners.delete(owner);
      if (entry.owners.size === 0) this.secrets.delete(secret);
    }
  }

  /** Whether `secret` is registered (for tests of forgetting). */
  knows(secret: string): boolean {
    return this.secrets.has(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first: a secret that contains another is masked whole.
    const entries = [...this.secrets].sort((a, b) => b[0].length - a[0].length);
    for (const [, { pattern }] of entries) out = out.replace(pattern, MASK);
    for (const [shape, replacement] of CREDENTIAL_SHAPES) out = out.replace(shape, replacement);
    return out;
  }

  /**
   * The first `max` characters of `text`, redacted. Masks first and cuts after: cutting first
   * would leave the start of a secret that straddles the cut, which no longer matches it.
   */
  preview(text: string, max: number): string {
    return this.redact(text.slice(0, max + PREVIEW_MARGIN)).slice(0, max);
  }
}

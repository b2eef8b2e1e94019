/**
 * Keeps secrets out of every message and log line. Known secret values are registered as they
 * are read from storage; well-known credential shapes are masked even when not registered.
 */

const MASK = '••••';
/** How far past a preview's cut a secret may reach and still be masked (long tokens, JWTs). */
const PREVIEW_MARGIN = 8192;

const CREDENTIAL_SHAPES: ReadonlyArray<[RegExp, string]> = [
  // A digit is required so that prose such as "Token received" is left alone.
  [/\b(Bearer|Token|Basic)\s+(?=[A-Za-z._~+\/=-]*[0-9])[A-Za-z0-9._~+\/=-]{6,}/g, `$1 ${MASK}`],
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, MASK],
  [/\b(access_token|client_secret|token|password|secret)(["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi, `$1$2${MASK}`],
];

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Values shorter than 4 characters are not registered: masking them would garble ordinary text. */
  register(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  unregister(secret: string | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
      // The same secret may travel base64-encoded (Basic auth) or URL-encoded.
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(MASK);
    }
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

/** One registry for the process: secrets are few and the same everywhere. */
export const redactor = new SecretRedactor();

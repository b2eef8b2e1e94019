/**
 * Keeps secrets out of every message and log line. Known secret values are registered as they
 * are read from storage; well-known credential shapes are masked even when not registered.
 */

const MASK = '••••';

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
}

/** One registry for the process: secrets are few and the same everywhere. */
export const redactor = new SecretRedactor();

/**
 * SD Elements' activity `text` is markdown-ish: `*Name*` for people and
 * `[label](/activity-redirect/<ct>/<id>/ "label")` links relative to the instance. The tree shows
 * it as plain text; links become absolute URLs on the instance's own origin, and nothing else
 * (links to other hosts, other schemes) is kept.
 */

const LINK = /\[([^\]]*)\]\(\s*<?([^\s)>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const BOLD = /\*([^*\n]+)\*/g;

/** The text without markup: link labels stay, asterisks go, whitespace collapses to single spaces. */
export function plainText(text: string): string {
  return text
    .replace(LINK, (_, label: string) => label)
    .replace(BOLD, (_, inner: string) => inner)
    .replace(/\\([\\`*_[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface TextLink {
  readonly label: string;
  readonly url: string;
}

/** The text's links that resolve to the instance's origin (`https://host`), in order, without duplicates. */
export function instanceLinks(text: string, origin: string): TextLink[] {
  const out: TextLink[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(LINK)) {
    const url = resolveOnInstance(m[2], origin);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({ label: plainText(m[1]) || url, url });
  }
  return out;
}

/** `target` as an absolute http(s) URL if, and only if, it points at the instance itself. */
export function resolveOnInstance(target: string, origin: string): string | undefined {
  if (!target) return undefined;
  let url: URL;
  try {
    url = new URL(target, origin + '/');
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.origin !== origin || url.username || url.password) return undefined;
  return url.toString();
}

/** The person an activity text starts with (`*Admin Testerton* logged in`): the actor, as the server wrote it. */
export function leadingName(text: string): string | undefined {
  const m = /^\s*\*([^*\n]+)\*/.exec(text);
  return m ? m[1].trim() : undefined;
}

/** The link policy of the payload panel: which URLs a click in the webview may open. */
import type { PayloadHeader } from '../webview/payload/protocol';

/**
 * A link may be opened only when it is http(s) and one of the activity's own links or its web
 * URL: never an arbitrary URL from the payload, whatever the webview sends.
 */
export function isAllowedLink(url: string, header: Pick<PayloadHeader, 'webUrl' | 'links'>): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  } catch {
    return false;
  }
  if (header.webUrl === url) return true;
  return (header.links ?? []).some((l) => l.url === url);
}

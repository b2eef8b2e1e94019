/**
 * The header's link buttons: the activity's web URL and its own links, http(s) only. A click only
 * asks the host, which opens nothing but the activity's own links (src/ui/payloadLinks.ts).
 */
import { isWebUrl } from '../../core/jsonModel';
import { button } from './dom';
import { post } from './host';
import type { PayloadHeader } from './protocol';

export function linkButtons(h: PayloadHeader): HTMLButtonElement[] {
  const out: HTMLButtonElement[] = [];
  const webUrl = h.webUrl;
  if (isWebUrl(webUrl)) out.push(button('Open in web UI', 'btn primary', webUrl, () => post({ type: 'openLink', url: webUrl })));
  for (const link of h.links ?? []) {
    if (!link || !isWebUrl(link.url)) continue;
    const url = link.url;
    out.push(button(link.label || url, 'btn secondary link-btn', url, () => post({ type: 'openLink', url })));
  }
  return out;
}

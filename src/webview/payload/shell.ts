/** The page's layout: the header, a status line (loading, error with Retry, no payload), then the toolbar and tree. */
import { button, el } from './dom';
import { post } from './host';
import { renderHeader } from './header';
import type { PayloadHeader } from './protocol';
import { rendered, ui } from './state';

export const app = document.getElementById('app') as HTMLElement;

export function renderShell(h: PayloadHeader, statusNode: HTMLElement | null): void {
  app.textContent = '';
  rendered.nodeByPath.clear();
  app.appendChild(renderHeader(h));
  ui.status = el('div', 'status');
  if (statusNode) ui.status.appendChild(statusNode);
  app.appendChild(ui.status);
  ui.toolbar = undefined;
  ui.tree = undefined;
}

export function statusMessage(text: string, withRetry: boolean, cls: string): HTMLElement {
  const box = el('div', `status-box ${cls}`);
  box.appendChild(el('span', 'status-text', text));
  if (withRetry) {
    box.appendChild(
      button('Retry', 'btn primary', 'Load the payload again', (b) => {
        b.disabled = true;
        post({ type: 'retry' });
      }),
    );
  }
  return box;
}

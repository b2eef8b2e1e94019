/**
 * The payload panel's page (bundled by esbuild.js into dist/webview/payload.js): a header and the
 * payload as a lazy JSON tree, with find, copy and decode. The host decides everything that
 * leaves the page (links, clipboard); the messages are in ./protocol.ts.
 */
import { installFindKeys } from './find';
import { post, saveState, savedState } from './host';
import { onHostMessage, restoreFrom } from './messages';
import { isToWebview } from './protocol';

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isToWebview(event.data)) onHostMessage(event.data);
});

let scrollTimer = 0;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(saveState, 300);
});
installFindKeys();

// Restored or re-shown: draw the header we kept while the host fetches the payload again.
restoreFrom(savedState());
post({ type: 'ready' });

'use strict';
// Reading the Activity Logs tree as a user sees it, for the UI test files.

/**
 * The tree's own rows. Once the list is scrolled, VS Code draws the ancestors of the top row again
 * as sticky headers over it: copies with the same role, label and list index, which would read as
 * a group with no children.
 */
const TREE_ROW = '.monaco-list-row[role="treeitem"]:not(.monaco-tree-sticky-row)';

/**
 * The labels of the rows shown under the first row whose accessible name starts with `parentName`
 * (its children and their children), in the order the list shows them. The list renders only
 * the rows in view, and not in DOM order: rows are ordered by their index.
 */
async function rowsUnder(page, parentName) {
  return page.evaluate(([name, treeRow]) => {
    const rows = [...document.querySelectorAll(`.part.sidebar ${treeRow}`)].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
    const at = rows.findIndex((r) => (r.getAttribute('aria-label') || '').startsWith(name));
    if (at < 0) return [];
    const level = Number(rows[at].getAttribute('aria-level'));
    const out = [];
    for (const row of rows.slice(at + 1)) {
      if (Number(row.getAttribute('aria-level')) <= level) break;
      out.push({ label: (row.querySelector('.label-name')?.textContent || '').trim(), level: Number(row.getAttribute('aria-level')) - level });
    }
    return out;
  }, [parentName, TREE_ROW]);
}

/** Waits until rows show under that row and returns them. */
async function waitForRowsUnder(page, parentName, timeout = 30000) {
  await page.waitForFunction(
    ([name, treeRow]) => {
      const rows = [...document.querySelectorAll(`.part.sidebar ${treeRow}`)].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const at = rows.findIndex((r) => (r.getAttribute('aria-label') || '').startsWith(name));
      return at >= 0 && at + 1 < rows.length && Number(rows[at + 1].getAttribute('aria-level')) > Number(rows[at].getAttribute('aria-level')) && !/Loading/.test(rows[at + 1].textContent);
    },
    [parentName, TREE_ROW],
    { timeout },
  );
  return rowsUnder(page, parentName);
}

/** The label (title) of a tree row, without its description. */
const rowLabel = async (row) => (await row.locator('.label-name').first().textContent()).trim();

/**
 * Runs `open` (a click that should open an outside page) and checks the page is `url` (a string,
 * or a RegExp whose match is returned). The editor asks before it opens a page of another host:
 * the question names it, and is cancelled, so nothing leaves the machine. A loopback page (the
 * fake SD Elements instance) it opens at once, in a new tab: its address is read and it is closed.
 */
async function expectOpenExternal(page, open, url) {
  const dialog = page.locator('.monaco-dialog-box');
  const tab = page.context().waitForEvent('page', { timeout: 30000 }).catch(() => undefined);
  await open();
  const asked = await Promise.race([dialog.waitFor({ timeout: 30000 }).then(() => 'dialog'), tab.then((p) => p && 'tab')]);
  let text;
  if (asked === 'tab') {
    const opened = await tab;
    await opened.waitForURL((u) => u.protocol.startsWith('http'), { timeout: 30000, waitUntil: 'commit' }).catch(() => undefined);
    // code-server forwards a loopback port through its own `/proxy/<port>/` path: undone here.
    const forwarded = /^https?:\/\/[^/]+\/proxy\/(\d+)(\/.*)$/.exec(opened.url());
    text = forwarded ? `http://127.0.0.1:${forwarded[1]}${forwarded[2]}` : opened.url();
    await opened.close();
  } else {
    text = await dialog.textContent();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30000 });
  }
  const found = typeof url === 'string' ? (text.includes(url) ? url : undefined) : url.exec(text)?.[0];
  if (!found) throw new Error(`the editor opened another page than ${url}: ${text}`);
  return found;
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Drags the sidebar's edge by `by` pixels (to the right: wider). */
async function dragSidebarEdge(page, by) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 1 + by, y, { steps: 8 });
  await page.mouse.up();
}

/** Widens the sidebar so that a screenshot shows whole rows; returns what puts it back for the files after. */
async function widenSidebar(page, by = 260) {
  await dragSidebarEdge(page, by);
  return () => dragSidebarEdge(page, -by);
}

const SIDEBAR = '.part.sidebar';

/**
 * The rows right under a row, in order: list index and accessible name. The parent is the first
 * row whose label (the name before its first comma) is `label`, or whose name starts with `prefix`.
 */
async function childRowsUnder(page, { label, prefix }) {
  return page.evaluate(
    ({ sidebar, label, prefix, treeRow }) => {
      const rows = [...document.querySelectorAll(`${sidebar} ${treeRow}`)].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const name = (r) => r.getAttribute('aria-label') || '';
      const start = rows.findIndex((r) => (label !== undefined ? name(r).split(',')[0] === label : name(r).startsWith(prefix)));
      if (start < 0) return [];
      const level = Number(rows[start].getAttribute('aria-level'));
      const out = [];
      for (const r of rows.slice(start + 1)) {
        const l = Number(r.getAttribute('aria-level'));
        if (l <= level) break;
        if (l === level + 1) out.push({ index: r.dataset.index, label: name(r) });
      }
      return out;
    },
    { sidebar: SIDEBAR, label, prefix, treeRow: TREE_ROW },
  );
}

/**
 * Clicks a part (`.monaco-tl-twistie`, `.label-name`; the row's middle when none) of the row at list index
 * `index`, first scrolling the list with the mouse wheel until that point shows the row: the list
 * draws only the rows in view, and a row at the list's edge is covered (by the sticky headers, or
 * by a neighbour once Playwright's own scrolling moved the rows under the list's feet).
 */
async function clickRowAt(page, index, part) {
  const list = page.locator(`${SIDEBAR} .monaco-list`).first();
  const nextFrame = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const spot = await page.evaluate(
      ({ sidebar, index, part, treeRow }) => {
        const listEl = document.querySelector(`${sidebar} .monaco-list`);
        if (!listEl) return { scroll: 0, why: 'no list' };
        const view = listEl.getBoundingClientRect();
        const rows = [...listEl.querySelectorAll(treeRow)];
        const row = rows.find((r) => r.dataset.index === String(index));
        if (!row) {
          const shown = rows.map((r) => Number(r.dataset.index)).sort((a, b) => a - b);
          const middle = shown.length ? shown[shown.length >> 1] : 0;
          return { scroll: (index - middle) * 22, why: `row ${index} not drawn (rows ${shown[0]}–${shown[shown.length - 1]})` };
        }
        const target = (part && row.querySelector(part)) || row;
        const box = target.getBoundingClientRect();
        // The middle of what shows of it: a long label runs on under the editor beside the list.
        const x = (Math.max(box.left, view.left) + Math.min(box.right, view.right - 8)) / 2;
        const y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        const inView = y > view.top && y < view.bottom;
        if (inView && hit && row.contains(hit)) return { x, y };
        // A hover or a notification over the list: not a matter of scrolling.
        if (inView && hit && !listEl.contains(hit)) return { covered: true, why: `row ${index} covered by ${hit.className}` };
        return { scroll: y - (view.top + view.height / 2), why: `row ${index} at ${Math.round(y)} in a list from ${Math.round(view.top)} to ${Math.round(view.bottom)}, covered by ${hit ? hit.className : 'nothing'}` };
      },
      { sidebar: SIDEBAR, index: Number(index), part, treeRow: TREE_ROW },
    );
    if (spot.x !== undefined) return page.mouse.click(spot.x, spot.y);
    last = spot.why;
    if (spot.covered) {
      await page.mouse.move(5, 5);
      await page.waitForTimeout(250);
    } else {
      await list.hover();
      await page.mouse.wheel(0, spot.scroll || 22);
      await nextFrame();
    }
  }
  throw new Error(`could not bring row ${index} into view to click it: ${last}`);
}

module.exports = { TREE_ROW, clickRowAt, rowsUnder, childRowsUnder, waitForRowsUnder, rowLabel, expectOpenExternal, escapeRegExp, widenSidebar, SIDEBAR };

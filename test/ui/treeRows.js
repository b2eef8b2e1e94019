'use strict';
// Reading the Activity Logs tree as a user sees it, for the UI test files.

/**
 * Every row the Sources list draws, in list order. The list draws only the rows in view; once it is
 * scrolled, VS Code also draws the ancestors of the top row again as sticky headers over it: copies
 * with the same role, label and list index (`sticky`), which stand for a row scrolled above.
 */
async function drawnRows(page) {
  const rows = await page.evaluate(() => {
    const all = [...document.querySelectorAll('.part.sidebar .monaco-list-row[role="treeitem"]')];
    // A sticky copy has no aria-level. The copies are the chain of ancestors of the top row, so
    // their list indices rise with their level: the source's copy is the first.
    const stickyIndices = all.filter((r) => r.classList.contains('monaco-tree-sticky-row')).map((r) => Number(r.dataset.index)).sort((a, b) => a - b);
    return all.map((r) => {
      const sticky = r.classList.contains('monaco-tree-sticky-row');
      const stickyPlace = sticky ? stickyIndices.indexOf(Number(r.dataset.index)) + 1 : 0;
      return {
        index: Number(r.dataset.index),
        name: r.getAttribute('aria-label') || '',
        label: (r.querySelector('.label-name')?.textContent || '').trim(),
        level: r.hasAttribute('aria-level') ? Number(r.getAttribute('aria-level')) : stickyPlace,
        expanded: r.getAttribute('aria-expanded'),
        loading: !!r.querySelector('.codicon-tree-item-loading, .codicon-loading') || /^Loading/.test(r.textContent || ''),
        sticky,
      };
    });
  });
  return rows.sort((a, b) => a.index - b.index);
}

/**
 * The first drawn row that `isParent` accepts (its sticky copy will do) and the rows drawn below
 * it, down to the next row at its level or above.
 */
function rowsBelow(rows, isParent) {
  const parent = rows.find(isParent);
  if (!parent) return { parent: undefined, below: [] };
  const below = [];
  for (const r of rows) {
    if (r.sticky || r.index <= parent.index) continue;
    if (r.level <= parent.level) break;
    below.push(r);
  }
  return { parent, below };
}

/**
 * The labels of the rows shown under the first row whose accessible name starts with `parentName`
 * (its children and their children), in the order the list shows them, with their level below it.
 */
async function rowsUnder(page, parentName) {
  const { parent, below } = rowsBelow(await drawnRows(page), (r) => r.name.startsWith(parentName));
  return below.map((r) => ({ label: r.label, level: r.level - parent.level }));
}

/** Waits until rows show under that row, loaded, and returns them. */
async function waitForRowsUnder(page, parentName, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const { below } = rowsBelow(await drawnRows(page), (r) => r.name.startsWith(parentName));
    if (below.length && !below[0].loading) return rowsUnder(page, parentName);
    if (Date.now() > deadline) throw new Error(`no rows under "${parentName}" within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
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
  const { parent, below } = rowsBelow(await drawnRows(page), (r) => (label !== undefined ? r.name.split(',')[0] === label : r.name.startsWith(prefix)));
  return below.filter((r) => r.level === parent.level + 1).map((r) => ({ index: r.index, label: r.name }));
}

/**
 * Clicks a part (`.monaco-tl-twistie`, `.label-name`; the row's middle when none) of the row at list index
 * `index`, first scrolling the list with the mouse wheel until that point shows the row: the list
 * draws only the rows in view, and a row at the list's edge is covered (by the sticky headers, or
 * by a neighbour once Playwright's own scrolling moved the rows under the list's feet).
 */
async function clickRowAt(page, index, part) {
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const spot = await page.evaluate(
      ({ sidebar, index, part }) => {
        const listEl = document.querySelector(`${sidebar} .monaco-list`);
        if (!listEl) return { scroll: 0, why: 'no list' };
        const view = listEl.getBoundingClientRect();
        const rows = [...listEl.querySelectorAll('.monaco-list-row[role="treeitem"]:not(.monaco-tree-sticky-row)')];
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
      { sidebar: SIDEBAR, index: Number(index), part },
    );
    if (spot.x !== undefined) return page.mouse.click(spot.x, spot.y);
    last = spot.why;
    if (spot.covered) {
      await page.mouse.move(5, 5);
      await page.waitForTimeout(250);
    } else {
      await scrollList(page, spot.scroll || 22);
    }
  }
  throw new Error(`could not bring row ${index} into view to click it: ${last}`);
}

/** How far the Sources list is scrolled (px), read from where it draws its rows. */
const scrolledBy = (page) => page.evaluate((sidebar) => -parseFloat(document.querySelector(`${sidebar} .monaco-list-rows`)?.style.top || '0'), SIDEBAR);

const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Scrolls the Sources list by about `by` pixels with the mouse wheel, as a person would, and waits
 * for it to redraw. VS Code moves a list by one notch (50 px) for each wheel event whatever its
 * delta, so a long scroll is a run of wheel events, as a flick of the wheel sends.
 */
async function scrollList(page, by) {
  await page.locator(`${SIDEBAR} .monaco-list`).first().hover();
  for (let run = 0; run < 10; run++) {
    const from = await scrolledBy(page);
    const notches = Math.min(400, Math.max(1, Math.round(Math.abs(by) / 50)));
    for (let n = 0; n < notches; n++) await page.mouse.wheel(0, by > 0 ? 100 : -100);
    await nextFrame(page);
    const moved = (await scrolledBy(page)) - from;
    by -= moved;
    if (moved === 0 || Math.abs(by) < 25 || Math.sign(by) === -Math.sign(moved)) break; // at an end, or far enough
  }
}

/** Scrolls the Sources list to its top (a notch more than it is down: a notch need not end there). */
const scrollListToTop = async (page) => scrollList(page, -(await scrolledBy(page)) - 50);

/**
 * The drawn row (not a sticky copy) that `isRow` accepts, given the snapshot of drawn rows it is
 * in. When none is drawn the list is searched with the wheel, from the top down a screen at a
 * time: rows above it that load or grow push a row out of the drawn part of the list. Returns
 * undefined when no row of the whole list is accepted.
 */
async function revealRow(page, isRow) {
  const find = async () => {
    const rows = await drawnRows(page);
    return { rows, row: rows.find((r) => !r.sticky && isRow(r, rows)) };
  };
  let { rows, row } = await find();
  if (row) return row;
  const screen = await page.evaluate((sidebar) => document.querySelector(`${sidebar} .monaco-list`)?.getBoundingClientRect().height ?? 600, SIDEBAR);
  await scrollListToTop(page);
  for (let step = 0; step < 200; step++) {
    ({ rows, row } = await find());
    if (row) return row;
    const last = rows.length ? rows[rows.length - 1].index : -1;
    await scrollList(page, screen * 0.8);
    const after = await drawnRows(page);
    if (!after.length || after[after.length - 1].index === last) {
      ({ rows, row } = await find());
      return row;
    }
  }
  return undefined;
}

module.exports = { drawnRows, rowsBelow, revealRow, scrollList, scrollListToTop, scrolledBy, clickRowAt, rowsUnder, childRowsUnder, waitForRowsUnder, rowLabel, expectOpenExternal, escapeRegExp, widenSidebar, SIDEBAR };

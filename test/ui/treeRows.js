'use strict';
// The rows of the Activity Logs tree as rendered, for UI tests that read what a group holds.

const SIDEBAR = '.part.sidebar';

/**
 * The rows right under a row, in order: list index and accessible name. The parent is the first
 * row whose label (the name before its first comma) is `label`, or whose name starts with `prefix`.
 */
async function rowsUnder(page, { label, prefix }) {
  return page.evaluate(
    ({ sidebar, label, prefix }) => {
      const rows = [...document.querySelectorAll(`${sidebar} .monaco-list-row[role="treeitem"]`)].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
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
    { sidebar: SIDEBAR, label, prefix },
  );
}

module.exports = { rowsUnder, SIDEBAR };

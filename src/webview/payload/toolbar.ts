/** The bar above the tree: the find box with its count and arrows, Expand all and Collapse all. */
import { CHUNK } from '../../core/jsonModel';
import { button, el } from './dom';
import { startSearch, step } from './find';
import { find, ui } from './state';
import { collapseAll, expandEverything } from './treeActions';

/** Typing pauses this long before a search starts. */
const FIND_DEBOUNCE_MS = 150;

function findInput(): HTMLInputElement {
  const input = el('input', 'find-input');
  input.type = 'search';
  input.placeholder = 'Find in keys and values (Ctrl+F)';
  input.setAttribute('aria-label', 'Find in payload');
  input.spellcheck = false;
  input.addEventListener('input', () => {
    clearTimeout(find.timer);
    find.timer = window.setTimeout(() => startSearch(input.value), FIND_DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === 'F3') {
      e.preventDefault();
      clearTimeout(find.timer);
      if (input.value !== find.query) startSearch(input.value);
      else step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      input.value = '';
      startSearch('');
    }
  });
  return input;
}

export function renderToolbar(): HTMLElement {
  const bar = el('div', 'toolbar');
  const input = findInput();
  const count = el('span', 'find-count', '');
  count.setAttribute('aria-live', 'polite');
  bar.appendChild(input);
  bar.appendChild(count);
  bar.appendChild(button('↑', 'btn-icon', 'Previous match (Shift+Enter)', () => step(-1)));
  bar.appendChild(button('↓', 'btn-icon', 'Next match (Enter)', () => step(1)));
  bar.appendChild(el('span', 'spacer'));
  bar.appendChild(button('Expand all', 'btn-link', `Expand the whole tree (first ${CHUNK} children of each node)`, expandEverything));
  bar.appendChild(button('Collapse all', 'btn-link', 'Collapse the whole tree', () => collapseAll([])));
  ui.findInput = input;
  ui.findCount = count;
  return bar;
}

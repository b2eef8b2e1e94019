/** Small DOM helpers. Data goes into the page as text (textContent, text nodes), never as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string | null, text?: unknown): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** A button whose click handler is given the button itself (to flash it, or disable it). */
export function button(label: string, cls: string | null, title: string | null, onClick?: (self: HTMLButtonElement) => void): HTMLButtonElement {
  const b = el('button', cls || 'btn', label);
  b.type = 'button';
  if (title) b.title = title;
  if (onClick) b.addEventListener('click', () => onClick(b));
  return b;
}

/** A row's action button; the tree's one click listener reads `data-action`. */
export function actionButton(label: string, action: string, title: string): HTMLButtonElement {
  const b = el('button', 'btn-link act', label);
  b.type = 'button';
  b.tabIndex = -1;
  b.title = title;
  b.setAttribute('data-action', action);
  return b;
}

/** Shows `text` on a button for a moment (e.g. "Copied"). */
export function flash(btn: HTMLButtonElement, text: string): void {
  const old = btn.textContent;
  btn.textContent = text;
  btn.disabled = true;
  setTimeout(() => {
    btn.textContent = old;
    btn.disabled = false;
  }, 900);
}

/** Appends `text` to `parent`, wrapping the current find match in <mark> (as text nodes). */
export function appendText(parent: HTMLElement, text: string, markRange?: readonly [number, number] | null): void {
  if (!markRange) {
    parent.appendChild(document.createTextNode(text));
    return;
  }
  parent.appendChild(document.createTextNode(text.slice(0, markRange[0])));
  parent.appendChild(el('mark', 'find-mark', text.slice(markRange[0], markRange[1])));
  parent.appendChild(document.createTextNode(text.slice(markRange[1])));
}

/** The nearest ancestor (or self) matching `selector` of an event target that may not be an element. */
export function closest(target: EventTarget | null, selector: string): HTMLElement | null {
  return target instanceof Element ? (target.closest(selector) as HTMLElement | null) : null;
}

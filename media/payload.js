/*
 * Webview script of the payload panel. Renders the header and a lazy JSON tree: DOM exists only
 * for expanded nodes, big containers are paged in chunks, long strings are truncated. Every piece
 * of data goes into the DOM as text (textContent / text nodes), never as HTML. The host decides
 * everything that leaves the page (links, clipboard) — see src/ui/webviewHtml.ts for the protocol.
 */
(function () {
  'use strict';

  var M = window.PayloadModel;
  var vscode = acquireVsCodeApi();
  var app = document.getElementById('app');

  /** Children rendered synchronously; the rest of a long "show all" is added over a few frames. */
  var SYNC_ROWS = 1000;
  /** "Expand all" stops after this many nodes (each level still shows its first chunk). */
  var EXPAND_ALL_BUDGET = 3000;
  /** … and goes at most this many levels below the node it starts from: a chain nested thousands deep is opened a step at a time. */
  var EXPAND_ALL_DEPTH = 32;
  /** "show more" of a very long string adds this many characters at a time. */
  var STRING_STEP = 256 * 1024;
  /** Strings longer than this, once shown in full, get their own scroll box. */
  var LONG_STRING_BOX = 20000;
  /** View state kept across hide/reload is capped so `setState` stays small. */
  var MAX_SAVED_PATHS = 500;

  var saved = vscode.getState() || null;

  var header = null;
  var hasPayload = false;
  /** Key of the activity whose tree state (expanded, decoded…) the sets below hold. */
  var treeKey = null;
  var payload;
  var expanded = new Set();
  var decodedOn = new Set();
  var decodedCache = new Map();
  var notJson = new Set();
  var shownRanges = new Map();
  var fullStrings = new Map();
  var nodeByPath = new Map();
  var rowInfo = new WeakMap();

  var ui = {};
  var find = { query: '', job: null, matches: [], current: -1, done: true, truncated: false, timer: 0 };

  // ---- small DOM helpers (text only) -------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function button(label, cls, title, onClick) {
    var b = el('button', cls || 'btn', label);
    b.type = 'button';
    if (title) b.title = title;
    if (onClick) b.addEventListener('click', onClick);
    return b;
  }

  function flash(btn, text) {
    var old = btn.textContent;
    btn.textContent = text;
    btn.disabled = true;
    setTimeout(function () {
      btn.textContent = old;
      btn.disabled = false;
    }, 900);
  }

  function post(message) {
    vscode.postMessage(message);
  }

  function copy(text, what, btn) {
    post({ type: 'copy', text: String(text), what: what });
    if (btn) flash(btn, 'Copied');
  }

  // ---- state persistence (header + small view state; never the payload) --------------------

  var saveTimer = 0;
  function saveState() {
    if (!header) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () {
      vscode.setState({
        key: header.key,
        header: header,
        view: {
          expanded: Array.from(expanded).slice(0, MAX_SAVED_PATHS),
          decoded: Array.from(decodedOn).slice(0, MAX_SAVED_PATHS),
          query: find.query,
          scrollY: window.scrollY,
        },
      });
    }, 250);
  }

  // ---- header --------------------------------------------------------------------------------

  var OUTCOMES = { success: 1, failure: 1, pending: 1, none: 1 };
  var LEVELS = { trace: 1, debug: 1, info: 1, warn: 1, error: 1, fatal: 1 };

  function metaRow(dl, label, value, title) {
    if (value === undefined || value === null || value === '') return null;
    var dt = el('dt', null, label);
    var dd = el('dd', null, value);
    if (title) dd.title = title;
    dl.appendChild(dt);
    dl.appendChild(dd);
    return dd;
  }

  function renderHeader(h) {
    var root = el('header', 'header');

    if (h.error) {
      var box = el('section', 'error-box');
      box.setAttribute('role', 'alert');
      var top = el('div', 'error-top');
      top.appendChild(el('strong', 'error-label', 'Error'));
      top.appendChild(
        button('Copy error', 'btn-link', 'Copy the error text', function (e) {
          copy(h.error, 'the error', e.currentTarget);
        }),
      );
      box.appendChild(top);
      box.appendChild(el('pre', 'error-text', h.error));
      root.appendChild(box);
    }

    var titleLine = el('div', 'title-line');
    var outcome = OUTCOMES[h.outcome] ? h.outcome : 'none';
    if (outcome !== 'none') titleLine.appendChild(el('span', 'badge outcome-' + outcome, outcome));
    var level = LEVELS[h.level] ? h.level : 'info';
    titleLine.appendChild(el('span', 'badge level level-' + level, level));
    titleLine.appendChild(el('h1', 'title', h.title || '(untitled)'));
    root.appendChild(titleLine);

    var dl = el('dl', 'meta');
    metaRow(dl, 'Source', h.sourceLabel);
    var t = M.formatPreciseTime(h.time);
    var timeCell = metaRow(dl, 'Time', t.local + (t.zone ? ' ' + t.zone : ''), 'UTC ' + t.utc);
    if (timeCell) timeCell.classList.add('mono');
    metaRow(dl, 'Type', h.type);
    if (h.workflowName || h.workflowId) {
      var wf = metaRow(dl, 'Workflow', h.workflowName || h.workflowId, h.workflowId);
      if (wf && h.workflowName && h.workflowId) wf.appendChild(el('span', 'dim', ' ' + h.workflowId));
    }
    var ex = metaRow(dl, 'Execution', h.executionId);
    if (ex) ex.classList.add('mono');
    var pex = metaRow(dl, 'Parent execution', h.parentExecutionId);
    if (pex) pex.classList.add('mono');
    var tr = metaRow(dl, 'Trace', h.traceId);
    if (tr) tr.classList.add('mono');
    metaRow(dl, 'Actor', h.actor);
    var idCell = metaRow(dl, 'Id', h.id);
    if (idCell) idCell.classList.add('mono');
    if (h.details && typeof h.details === 'object') {
      Object.keys(h.details).forEach(function (k) {
        metaRow(dl, k, String(h.details[k]));
      });
    }
    root.appendChild(dl);

    var actions = el('div', 'actions-bar');
    if (M.isWebUrl(h.webUrl)) {
      actions.appendChild(
        button('Open in web UI', 'btn primary', h.webUrl, function () {
          post({ type: 'openLink', url: h.webUrl });
        }),
      );
    }
    (h.links || []).forEach(function (link) {
      if (!link || !M.isWebUrl(link.url)) return;
      actions.appendChild(
        button(link.label || link.url, 'btn secondary link-btn', link.url, function () {
          post({ type: 'openLink', url: link.url });
        }),
      );
    });
    actions.appendChild(
      button('Copy id', 'btn secondary', 'Copy the activity id', function (e) {
        copy(h.id, 'the id', e.currentTarget);
      }),
    );
    ui.openJson = button('Open as JSON document', 'btn secondary', 'Open the payload in an editor', function () {
      post({ type: 'openJson' });
    });
    ui.copyJson = button('Copy JSON', 'btn secondary', 'Copy the payload as JSON', function (e) {
      post({ type: 'copyJson' });
      flash(e.currentTarget, 'Copied');
    });
    ui.openJson.disabled = !hasPayload;
    ui.copyJson.disabled = !hasPayload;
    actions.appendChild(ui.openJson);
    actions.appendChild(ui.copyJson);
    root.appendChild(actions);
    return root;
  }

  // ---- layout ------------------------------------------------------------------------------

  function renderShell(h, statusNode) {
    app.textContent = '';
    nodeByPath.clear();
    app.appendChild(renderHeader(h));
    ui.status = el('div', 'status');
    if (statusNode) ui.status.appendChild(statusNode);
    app.appendChild(ui.status);
    ui.toolbar = null;
    ui.tree = null;
  }

  function statusMessage(text, withRetry, cls) {
    var box = el('div', 'status-box ' + (cls || ''));
    box.appendChild(el('span', 'status-text', text));
    if (withRetry) {
      box.appendChild(
        button('Retry', 'btn primary', 'Load the payload again', function (e) {
          e.currentTarget.disabled = true;
          post({ type: 'retry' });
        }),
      );
    }
    return box;
  }

  function renderToolbar() {
    var bar = el('div', 'toolbar');
    var input = el('input', 'find-input');
    input.type = 'search';
    input.placeholder = 'Find in keys and values (Ctrl+F)';
    input.setAttribute('aria-label', 'Find in payload');
    input.spellcheck = false;
    input.addEventListener('input', function () {
      clearTimeout(find.timer);
      find.timer = setTimeout(function () {
        startSearch(input.value);
      }, 150);
    });
    input.addEventListener('keydown', function (e) {
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
    var count = el('span', 'find-count', '');
    count.setAttribute('aria-live', 'polite');
    var prev = button('↑', 'btn-icon', 'Previous match (Shift+Enter)', function () {
      step(-1);
    });
    var next = button('↓', 'btn-icon', 'Next match (Enter)', function () {
      step(1);
    });
    bar.appendChild(input);
    bar.appendChild(count);
    bar.appendChild(prev);
    bar.appendChild(next);
    bar.appendChild(el('span', 'spacer'));
    bar.appendChild(
      button('Expand all', 'btn-link', 'Expand the whole tree (first ' + M.CHUNK + ' children of each node)', function () {
        expandAll([], payload);
      }),
    );
    bar.appendChild(
      button('Collapse all', 'btn-link', 'Collapse the whole tree', function () {
        collapseAll([]);
      }),
    );
    ui.findInput = input;
    ui.findCount = count;
    return bar;
  }

  // ---- the tree ------------------------------------------------------------------------------

  function pathKey(segments) {
    return M.formatPath(segments);
  }

  function effectiveValue(key, raw) {
    if (typeof raw === 'string' && decodedOn.has(key)) {
      var d = decodedCache.get(key);
      if (d !== undefined) return d;
    }
    return raw;
  }

  function decodedLookup(key) {
    return decodedOn.has(key) ? decodedCache.get(key) : undefined;
  }

  function typeLabel(value) {
    var n = M.sizeOf(value);
    if (Array.isArray(value)) return n === 1 ? '1 item' : n.toLocaleString() + ' items';
    return n === 1 ? '1 key' : n.toLocaleString() + ' keys';
  }

  function previewOf(value) {
    var isArr = Array.isArray(value);
    var parts = [];
    var len = 0;
    var entries = M.childEntries(value, 0, 6);
    for (var i = 0; i < entries.length && len < 70; i++) {
      var v = entries[i][1];
      var s;
      var kind = M.kindOf(v);
      if (kind === 'object') s = '{…}';
      else if (kind === 'array') s = '[…]';
      else if (kind === 'string') s = JSON.stringify(v.length > 24 ? v.slice(0, 24) + '…' : v);
      else s = M.primitiveText(v);
      var part = isArr ? s : entries[i][0] + ': ' + s;
      parts.push(part);
      len += part.length + 2;
    }
    var more = M.sizeOf(value) > parts.length ? ', …' : '';
    return (isArr ? '[' : '{') + parts.join(', ') + more + (isArr ? ']' : '}');
  }

  /** Appends `text` to `parent`, wrapping the current find match in <mark> (as text nodes). */
  function appendText(parent, text, markRange) {
    if (!markRange) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    parent.appendChild(document.createTextNode(text.slice(0, markRange[0])));
    parent.appendChild(el('mark', 'find-mark', text.slice(markRange[0], markRange[1])));
    parent.appendChild(document.createTextNode(text.slice(markRange[1])));
  }

  function currentMatchFor(key, kind) {
    if (find.current < 0) return null;
    var m = find.matches[find.current];
    if (!m || m.kind !== kind || m.key !== key) return null;
    return m;
  }

  function renderNode(segments, label, raw, depth) {
    var key = pathKey(segments);
    var value = effectiveValue(key, raw);
    var isDecoded = value !== raw;
    var container = M.isContainer(value);
    var open = container && (depth === 0 || expanded.has(key));

    var node = el('div', 'node');
    var row = el('div', 'row');
    row.setAttribute('role', 'treeitem');
    row.setAttribute('aria-level', String(depth + 1));
    row.tabIndex = -1;
    row.style.paddingLeft = 4 + depth * 16 + 'px';
    if (container) row.setAttribute('aria-expanded', open ? 'true' : 'false');
    rowInfo.set(row, { segments: segments, key: key, raw: raw, value: value, depth: depth });
    node.appendChild(row);
    nodeByPath.set(key, node);

    var tw = el('span', 'twisty', container ? (open ? '▾' : '▸') : '');
    tw.setAttribute('aria-hidden', 'true');
    row.appendChild(tw);

    if (label !== null) {
      var k = el('span', typeof label === 'number' ? 'k idx' : 'k');
      var km = currentMatchFor(key, 'key');
      var ktext = String(label);
      appendText(k, ktext, km ? M.findRanges(ktext, find.query, 1)[0] : null);
      row.appendChild(k);
      row.appendChild(el('span', 'colon', ': '));
    } else {
      row.appendChild(el('span', 'k root-label', 'payload'));
      row.appendChild(el('span', 'colon', ' '));
    }

    var kind = M.kindOf(value);
    var v = el('span', 'v');
    if (container) {
      if (isDecoded) v.appendChild(el('span', 'tag', 'JSON string'));
      if (!open) v.appendChild(el('span', 'preview', previewOf(value)));
      v.appendChild(el('span', 'size', typeLabel(value)));
    } else if (kind === 'string') {
      var shownLength = Math.max(M.STRING_PREVIEW, fullStrings.get(key) || 0);
      var full = value.length <= shownLength;
      var shown = full ? value : value.slice(0, shownLength);
      var s = el('span', 'v-string');
      var vm = currentMatchFor(key, 'value');
      var range = vm ? M.findRanges(shown, find.query, 1)[0] : null;
      appendText(s, shown, range);
      v.appendChild(s);
      // A long string shown in full scrolls in its own box, so the rest of the tree stays near.
      if (shown.length > LONG_STRING_BOX) v.classList.add('v-long');
      if (!full) {
        v.appendChild(el('span', 'dim', '… '));
        // Megabytes of text take a while to lay out: more than STRING_STEP comes a step at a time.
        var next = nextStringLength(shownLength);
        v.appendChild(
          el(
            'button',
            'btn-link inline more-string',
            next >= value.length
              ? 'show full string (' + M.formatSize(value.length) + ')'
              : 'show more (' + M.formatSize(next) + ' of ' + M.formatSize(value.length) + ')',
          ),
        );
      }
    } else {
      var cls = kind === 'number' ? 'v-number' : kind === 'boolean' ? 'v-boolean' : kind === 'null' ? 'v-null' : 'v-other';
      var p = el('span', cls);
      var ptext = valueText(segments, value);
      var pm = currentMatchFor(key, 'value');
      appendText(p, ptext, pm ? M.findRanges(ptext, find.query, 1)[0] : null);
      v.appendChild(p);
    }
    row.appendChild(v);

    var acts = el('span', 'row-actions');
    if (typeof raw === 'string') {
      if (isDecoded) acts.appendChild(actionButton('show text', 'decode', 'Show the original string'));
      else if (notJson.has(key)) acts.appendChild(el('span', 'dim', 'not JSON'));
      else if (M.offersDecode(raw)) acts.appendChild(actionButton('decode', 'decode', 'Show the JSON in this string as a tree'));
    }
    if (container) {
      acts.appendChild(actionButton('expand all', 'expandAll', 'Expand this subtree'));
      acts.appendChild(actionButton('collapse all', 'collapseAll', 'Collapse this subtree'));
    }
    acts.appendChild(actionButton('copy', 'copyValue', container ? 'Copy this subtree as JSON' : 'Copy the value'));
    if (segments.length) acts.appendChild(actionButton('copy path', 'copyPath', 'Copy the path: ' + key));
    row.appendChild(acts);

    if (open) {
      var children = el('div', 'children');
      children.setAttribute('role', 'group');
      node.appendChild(children);
      renderChildren(children, segments, value, depth + 1);
    }
    return node;
  }

  function nextStringLength(shownLength) {
    return shownLength <= M.STRING_PREVIEW ? STRING_STEP : shownLength + STRING_STEP;
  }

  function actionButton(label, action, title) {
    var b = el('button', 'btn-link act', label);
    b.type = 'button';
    b.tabIndex = -1;
    b.title = title;
    b.setAttribute('data-action', action);
    return b;
  }

  function rangesOf(key, total) {
    return shownRanges.get(key) || M.defaultRanges(total);
  }

  function renderChildren(container, segments, value, depth) {
    var key = pathKey(segments);
    var total = M.sizeOf(value);
    if (total === 0) {
      var empty = el('div', 'row empty', Array.isArray(value) ? 'empty array' : 'empty object');
      empty.style.paddingLeft = 4 + depth * 16 + 20 + 'px';
      container.appendChild(empty);
      return;
    }
    var ranges = rangesOf(key, total);
    var shown = M.shownTotal(ranges);
    var items = M.layoutChildren(ranges, total);
    var budget = SYNC_ROWS;
    var i = 0;
    var at = items.length && items[0].rows ? items[0].rows[0] : 0;
    // Rows beyond the budget (a long "show all") are added a batch per frame, in order.
    var pump = function () {
      var frag = document.createDocumentFragment();
      while (i < items.length && budget > 0) {
        var item = items[i];
        if (item.gap) {
          frag.appendChild(renderMoreRow(segments, total, shown, item.gap, depth));
          i++;
          if (i < items.length && items[i].rows) at = items[i].rows[0];
          continue;
        }
        var end = Math.min(item.rows[1], at + budget);
        appendRange(frag, segments, value, depth, at, end);
        budget -= end - at;
        at = end;
        if (at >= item.rows[1]) {
          i++;
          if (i < items.length && items[i].rows) at = items[i].rows[0];
        }
      }
      container.appendChild(frag);
      if (i < items.length) {
        budget = SYNC_ROWS;
        requestAnimationFrame(function () {
          if (container.isConnected) pump();
        });
      }
    };
    pump();
  }

  function appendRange(parent, segments, value, depth, start, end) {
    var entries = M.childEntries(value, start, end);
    for (var i = 0; i < entries.length; i++) {
      parent.appendChild(renderNode(segments.concat([entries[i][0]]), entries[i][0], entries[i][1], depth));
    }
  }

  function renderMoreRow(segments, total, shown, gap, depth) {
    var row = el('div', 'row more');
    row.style.paddingLeft = 4 + depth * 16 + 20 + 'px';
    var hidden = gap[1] - gap[0];
    var text =
      gap[1] === total
        ? 'Showing ' + shown.toLocaleString() + ' of ' + total.toLocaleString() + ' — '
        : '… ' + hidden.toLocaleString() + ' hidden (' + gap[0].toLocaleString() + '–' + (gap[1] - 1).toLocaleString() + ') — ';
    row.appendChild(el('span', 'dim', text));
    var step = Math.min(M.CHUNK, hidden);
    var more = actionButton('show ' + step + ' more', 'showMore', 'Show the next ' + step);
    more.tabIndex = 0;
    row.appendChild(more);
    row.appendChild(el('span', 'dim', ' · '));
    var all = actionButton('show all', 'showAll', 'Show all ' + hidden.toLocaleString());
    all.tabIndex = 0;
    row.appendChild(all);
    rowInfo.set(row, { segments: segments, key: pathKey(segments), more: true, total: total, gap: gap });
    return row;
  }

  function rerender(key) {
    var node = nodeByPath.get(key);
    if (!node || !node.isConnected) return null;
    var info = rowInfo.get(node.firstChild);
    var hadFocus = node.firstChild === document.activeElement;
    var fresh = renderNode(info.segments, info.segments.length ? info.segments[info.segments.length - 1] : null, info.raw, info.depth);
    node.replaceWith(fresh);
    if (hadFocus) focusRow(fresh.firstChild);
    saveState();
    return fresh;
  }

  function renderTree() {
    if (ui.tree) ui.tree.remove();
    nodeByPath.clear();
    var tree = el('div', 'tree');
    tree.setAttribute('role', 'tree');
    tree.setAttribute('aria-label', 'Payload');
    tree.addEventListener('click', onTreeClick);
    tree.addEventListener('keydown', onTreeKey);
    tree.appendChild(renderNode([], null, payload, 0));
    var first = tree.querySelector('.row');
    if (first) first.tabIndex = 0;
    ui.tree = tree;
    app.appendChild(tree);
  }

  // ---- actions on nodes ----------------------------------------------------------------------

  function toggle(info) {
    if (!M.isContainer(info.value) || info.depth === 0) return;
    if (expanded.has(info.key)) expanded.delete(info.key);
    else expanded.add(info.key);
    rerender(info.key);
  }

  function toggleDecode(info) {
    var key = info.key;
    if (decodedOn.has(key)) {
      decodedOn.delete(key);
    } else {
      var parsed = decodedCache.has(key) ? decodedCache.get(key) : M.parseJsonString(info.raw);
      if (parsed === undefined) {
        notJson.add(key);
      } else {
        decodedCache.set(key, parsed);
        decodedOn.add(key);
        expanded.add(key);
      }
    }
    rerender(key);
    if (find.query) startSearch(find.query, true);
  }

  function expandAll(segments, value) {
    var key = pathKey(segments);
    var budget = EXPAND_ALL_BUDGET;
    var stack = [[segments, value]];
    while (stack.length && budget > 0) {
      var item = stack.pop();
      var k = pathKey(item[0]);
      var v = effectiveValue(k, item[1]);
      if (!M.isContainer(v)) continue;
      expanded.add(k);
      budget--;
      if (item[0].length - segments.length >= EXPAND_ALL_DEPTH) continue;
      var entries = M.childEntries(v, 0, Math.min(M.sizeOf(v), rangesOf(k, M.sizeOf(v))[0][1]));
      for (var i = entries.length - 1; i >= 0; i--) {
        var child = entries[i][1];
        if (M.isContainer(child) || (typeof child === 'string' && decodedOn.size)) {
          stack.push([item[0].concat([entries[i][0]]), child]);
        }
      }
    }
    rerender(key);
  }

  function collapseAll(segments) {
    var key = pathKey(segments);
    Array.from(expanded).forEach(function (k) {
      if (key === '' || k === key || k.indexOf(key + '.') === 0 || k.indexOf(key + '[') === 0) expanded.delete(k);
    });
    rerender(key);
  }

  function copyValue(info, btn) {
    var v = info.value;
    var text = M.isContainer(v) ? M.stringifyExact(v, 2) : valueText(info.segments, v);
    copy(text, 'the value', btn);
  }

  /** A primitive's text; an integer beyond 2^53 with the digits the server sent (kept beside it by the model). */
  function valueText(segments, value) {
    if (typeof value !== 'number' || Number.isSafeInteger(value) || !Number.isInteger(value) || !segments.length) return M.primitiveText(value);
    var parentSegments = segments.slice(0, -1);
    var parent = M.resolvePath(payload, parentSegments, decodedLookup);
    var holder = parent.found && typeof parent.value === 'string' ? decodedLookup(pathKey(parentSegments)) : parent.found ? parent.value : undefined;
    return M.primitiveText(value, holder, segments[segments.length - 1]);
  }

  function onTreeClick(e) {
    var target = e.target;
    var actionEl = target.closest ? target.closest('[data-action]') : null;
    var row = target.closest ? target.closest('.row') : null;
    if (!row) return;
    var info = rowInfo.get(row);
    if (!info) return;
    if (actionEl) {
      e.stopPropagation();
      var action = actionEl.getAttribute('data-action');
      if (action === 'copyValue') copyValue(info, actionEl);
      else if (action === 'copyPath') copy(info.key, 'the path', actionEl);
      else if (action === 'decode') toggleDecode(info);
      else if (action === 'expandAll') expandAll(info.segments, info.raw);
      else if (action === 'collapseAll') collapseAll(info.segments);
      else if (action === 'showMore' || action === 'showAll') {
        var gap = info.gap;
        var stop = action === 'showAll' ? gap[1] : Math.min(gap[1], gap[0] + M.CHUNK);
        shownRanges.set(info.key, M.addRange(rangesOf(info.key, info.total), gap[0], stop));
        rerender(info.key);
      }
      return;
    }
    if (target.classList && target.classList.contains('more-string')) {
      fullStrings.set(info.key, nextStringLength(Math.max(M.STRING_PREVIEW, fullStrings.get(info.key) || 0)));
      rerender(info.key);
      return;
    }
    focusRow(row);
    // Clicking text selects it; only a click on the twisty or the key toggles.
    if (target.classList && (target.classList.contains('twisty') || target.classList.contains('k') || target.classList.contains('preview') || target.classList.contains('size'))) {
      toggle(info);
    }
  }

  function focusRow(row) {
    if (!row || !ui.tree) return;
    var prev = ui.tree.querySelector('.row[tabindex="0"]');
    if (prev && prev !== row) prev.tabIndex = -1;
    row.tabIndex = 0;
    row.focus({ preventScroll: false });
  }

  function visibleRows() {
    return Array.prototype.slice.call(ui.tree.querySelectorAll('.row[role="treeitem"]'));
  }

  function onTreeKey(e) {
    var row = e.target.closest ? e.target.closest('.row') : null;
    if (!row || e.target !== row) return;
    var info = rowInfo.get(row);
    if (!info || info.more) return;
    var rows;
    var i;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        rows = visibleRows();
        i = rows.indexOf(row) + (e.key === 'ArrowDown' ? 1 : -1);
        if (rows[i]) focusRow(rows[i]);
        break;
      case 'ArrowRight':
        if (M.isContainer(info.value) && !(info.depth === 0 || expanded.has(info.key))) toggle(info);
        else {
          var child = row.parentNode.querySelector('.children .row');
          if (child) focusRow(child);
        }
        break;
      case 'ArrowLeft':
        if (M.isContainer(info.value) && info.depth > 0 && expanded.has(info.key)) toggle(info);
        else {
          var parentNode = row.parentNode.parentNode && row.parentNode.parentNode.closest('.node');
          if (parentNode) focusRow(parentNode.firstChild);
        }
        break;
      case 'Enter':
      case ' ':
        toggle(info);
        break;
      case 'c':
        if (e.ctrlKey || e.metaKey) {
          if (String(window.getSelection()) === '') copyValue(info);
          else return;
        } else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  // ---- find ----------------------------------------------------------------------------------

  function updateFindCount() {
    if (!ui.findCount) return;
    var text = '';
    if (find.query) {
      var total = find.matches.length + (find.truncated ? '+' : '');
      if (!find.done) text = 'searching… ' + find.matches.length;
      else if (!find.matches.length) text = 'no results';
      else text = (find.current + 1) + ' of ' + total;
    }
    ui.findCount.textContent = text;
    ui.findCount.classList.toggle('no-results', !!find.query && find.done && !find.matches.length);
  }

  function startSearch(query, keepPosition) {
    var previous = find.current >= 0 ? find.matches[find.current] : null;
    find.query = query;
    find.matches = [];
    find.current = -1;
    find.truncated = false;
    find.done = !query;
    var job = query && hasPayload ? M.createSearch(payload, query, { decoded: decodedLookup }) : null;
    find.job = job;
    if (previous) rerender(previous.key);
    clearCurrentMatch();
    updateFindCount();
    saveState();
    if (!job) return;
    var run = function () {
      if (find.job !== job) return;
      var finished = job.step(12);
      for (var j = find.matches.length; j < job.matches.length; j++) find.matches.push(toMatch(job.matches[j]));
      find.truncated = job.truncated;
      if (find.current < 0 && find.matches.length) {
        var index = 0;
        if (keepPosition && previous) {
          for (var i = 0; i < find.matches.length; i++) {
            if (find.matches[i].key === previous.key) {
              index = i;
              break;
            }
          }
        }
        select(index);
      }
      if (finished) {
        find.done = true;
        find.job = null;
      } else {
        setTimeout(run, 0);
      }
      updateFindCount();
    };
    run();
  }

  function toMatch(m) {
    return { segments: m.segments, kind: m.kind, key: pathKey(m.segments) };
  }

  function step(delta) {
    if (!find.matches.length) return;
    var n = find.matches.length;
    select((find.current + delta + n) % n);
    updateFindCount();
  }

  function clearCurrentMatch() {
    if (!ui.tree) return;
    var stale = ui.tree.querySelectorAll('.row.current-match');
    for (var i = 0; i < stale.length; i++) stale[i].classList.remove('current-match');
  }

  function select(index) {
    var old = find.current >= 0 ? find.matches[find.current] : null;
    find.current = index;
    if (old) rerender(old.key);
    reveal(find.matches[index]);
  }

  /** Expands the match's ancestors (and pages its parents far enough), then scrolls to it. */
  function reveal(match) {
    var segs = match.segments;
    var value = payload;
    var topChanged = null;
    for (var i = 0; i < segs.length; i++) {
      var prefix = segs.slice(0, i);
      var k = pathKey(prefix);
      value = effectiveValue(k, value);
      if (!M.isContainer(value)) break;
      var changed = false;
      if (i > 0 && !expanded.has(k)) {
        expanded.add(k);
        changed = true;
      }
      var idx = M.childIndex(value, segs[i]);
      var total = M.sizeOf(value);
      var ranges = rangesOf(k, total);
      if (idx >= 0 && !M.rangesContain(ranges, idx)) {
        shownRanges.set(k, M.revealIndex(ranges, idx, total));
        changed = true;
      }
      if (changed && topChanged === null) topChanged = k;
      value = Array.isArray(value) ? value[segs[i]] : value[segs[i]];
    }
    var key = match.key;
    if (match.kind === 'value' && typeof value === 'string' && !decodedOn.has(key)) {
      var r = M.findRanges(value, find.query, 1)[0];
      if (r && r[1] > Math.max(M.STRING_PREVIEW, fullStrings.get(key) || 0)) {
        fullStrings.set(key, Math.ceil(r[1] / STRING_STEP) * STRING_STEP);
      }
    }
    rerender(topChanged !== null && nodeByPath.has(topChanged) ? topChanged : key);
    var tries = 0;
    var scroll = function () {
      if (find.matches[find.current] !== match) return;
      var node = nodeByPath.get(key);
      if (node && node.isConnected) {
        clearCurrentMatch();
        node.firstChild.classList.add('current-match');
        node.firstChild.scrollIntoView({ block: 'center' });
      } else if (++tries < 120) {
        requestAnimationFrame(scroll);
      }
    };
    scroll();
  }

  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'f' || e.key === 'F') && ui.findInput) {
      e.preventDefault();
      ui.findInput.focus();
      ui.findInput.select();
    } else if (e.key === 'F3' && ui.findInput && e.target !== ui.findInput) {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    }
  });

  // ---- messages from the host ----------------------------------------------------------------

  function resetView() {
    expanded = new Set();
    decodedOn = new Set();
    decodedCache = new Map();
    notJson = new Set();
    shownRanges = new Map();
    fullStrings = new Map();
    find.job = null;
    find.matches = [];
    find.current = -1;
  }

  function showPayload(msg) {
    var sameActivity = treeKey !== null && treeKey === msg.header.key;
    header = msg.header;
    payload = msg.payload;
    hasPayload = true;
    var view = saved && saved.key === header.key && saved.view ? saved.view : null;
    if (!view && sameActivity) {
      // The same activity again (e.g. after Retry): keep what the user opened, re-derive the rest.
      view = { expanded: Array.from(expanded), decoded: Array.from(decodedOn), query: find.query, scrollY: window.scrollY };
    }
    resetView();
    treeKey = header.key;

    M.applyExactNumberPaths(payload, msg.exactNumbers);
    var fromPaths = M.decodeJsonStringPaths(payload, msg.jsonStringPaths || []);
    fromPaths.forEach(function (v, k) {
      decodedCache.set(k, v);
    });
    if (view && Array.isArray(view.decoded)) {
      view.decoded.forEach(function (k) {
        if (typeof k !== 'string') return;
        if (!decodedCache.has(k)) {
          var segs = M.parsePath(k);
          var r = segs && M.resolvePath(payload, segs, decodedLookup);
          var parsed = r && r.found ? M.parseJsonString(r.value) : undefined;
          if (parsed === undefined) return;
          decodedCache.set(k, parsed);
        }
        decodedOn.add(k);
      });
    } else {
      fromPaths.forEach(function (_v, k) {
        decodedOn.add(k);
        // Start with the decoded strings (and their ancestors) open: that is what users look for.
        var segs = M.parsePath(k) || [];
        for (var i = 1; i <= segs.length; i++) expanded.add(pathKey(segs.slice(0, i)));
      });
    }
    if (view && Array.isArray(view.expanded)) {
      view.expanded.forEach(function (k) {
        if (typeof k === 'string') expanded.add(k);
      });
    }

    renderShell(header, payload === undefined ? statusMessage('This activity has no payload.', false, 'info') : null);
    if (payload !== undefined) {
      ui.toolbar = renderToolbar();
      app.appendChild(ui.toolbar);
      renderTree();
    }
    var query = view && typeof view.query === 'string' ? view.query : '';
    var scrollY = view && typeof view.scrollY === 'number' ? view.scrollY : 0;
    saved = null;
    if (query && ui.findInput) {
      ui.findInput.value = query;
      startSearch(query);
    }
    if (scrollY) window.scrollTo(0, scrollY);
    saveState();
  }

  function showStatus(h, node) {
    header = h;
    hasPayload = false;
    payload = undefined;
    renderShell(h, node);
    saveState();
  }

  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || typeof msg !== 'object' || !msg.header || typeof msg.header !== 'object') return;
    if (msg.type === 'loading') {
      showStatus(msg.header, statusMessage('Loading the payload…', false, 'loading'));
    } else if (msg.type === 'payload') {
      showPayload(msg);
    } else if (msg.type === 'error') {
      var text =
        msg.reason === 'gone'
          ? 'The payload is no longer loaded.'
          : msg.reason === 'cancelled'
            ? 'Loading the payload was cancelled.'
            : 'The payload could not be loaded: ' + String(msg.message || 'unknown error');
      showStatus(msg.header, statusMessage(text, true, 'error'));
    }
  });

  var scrollTimer = 0;
  window.addEventListener('scroll', function () {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(saveState, 300);
  });

  // Restored or re-shown: draw the header we kept while the host fetches the payload again.
  if (saved && saved.header && typeof saved.header === 'object') {
    header = saved.header;
    renderShell(header, statusMessage('Loading the payload…', false, 'loading'));
  }
  post({ type: 'ready' });
})();

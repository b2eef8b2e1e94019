/*
 * Pure logic of the payload panel: paths, JSON-in-strings, chunking, search over the data and
 * time formatting. No DOM here, so the same file runs in the webview (as `window.PayloadModel`)
 * and in mocha under plain Node (`require('media/payload-model.js')`).
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.PayloadModel = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /** Children shown per "show more" step of a big object or array. */
  var CHUNK = 200;
  /** Characters of a string shown before "show full string". */
  var STRING_PREVIEW = 1000;
  /** Strings longer than this are only checked for JSON when the user asks to decode. */
  var EAGER_JSON_CHECK = 64 * 1024;
  /** Search stops counting here; the panel then says "10000+". */
  var MAX_MATCHES = 10000;

  var IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  /**
   * Nesting kept of JSON read from a server (its answers, in the extension host, and JSON held in
   * strings, decoded here): JSON.parse accepts any depth, but JSON.stringify, postMessage and
   * recursive rendering overflow the stack a few thousand levels down. Deeper objects and arrays
   * are replaced by DEPTH_PLACEHOLDER.
   */
  var MAX_DEPTH = 100;
  var DEPTH_PLACEHOLDER = '[nested deeper than ' + MAX_DEPTH + ' levels: not shown]';

  /** Cuts, in place and without recursion, the containers of `value` below `maxDepth` (the root is depth 1). */
  function cutDeep(value, maxDepth) {
    var limit = maxDepth === undefined ? MAX_DEPTH : maxDepth;
    if (!isContainer(value)) return value;
    if (limit < 1) return DEPTH_PLACEHOLDER;
    var stack = [[value, 1]];
    while (stack.length) {
      var frame = stack.pop();
      var container = frame[0];
      var keys = Object.keys(container);
      for (var i = 0; i < keys.length; i++) {
        var child = container[keys[i]];
        if (!isContainer(child)) continue;
        if (frame[1] >= limit) container[keys[i]] = DEPTH_PLACEHOLDER;
        else stack.push([child, frame[1] + 1]);
      }
    }
    return value;
  }

  /** `event.body.items[3]["weird key"]`: JS-style, injective (array index `[3]` vs key `["3"]`). */
  function formatPath(segments) {
    var out = '';
    for (var i = 0; i < segments.length; i++) {
      var s = segments[i];
      if (typeof s === 'number') out += '[' + s + ']';
      else if (IDENT.test(s)) out += (i === 0 ? '' : '.') + s;
      else out += '[' + JSON.stringify(s) + ']';
    }
    return out;
  }

  /**
   * Inverse of formatPath; also accepts `a.0` and `['x']`. Returns undefined when malformed.
   * Dotted digits become numbers so `items.0` finds an array element.
   */
  function parsePath(text) {
    if (typeof text !== 'string') return undefined;
    var segments = [];
    var i = 0;
    var n = text.length;
    // A leading `$`, `$.` or `$[` is a root marker (`$ok` is a key).
    if (text === '$' || text.slice(0, 2) === '$[') i = 1;
    else if (text.slice(0, 2) === '$.') i = 2;
    var expectName = i < n && text.charAt(i) !== '[';
    while (i < n) {
      var c = text.charAt(i);
      if (c === '.' || expectName) {
        if (c === '.') i++;
        expectName = false;
        var start = i;
        while (i < n && text.charAt(i) !== '.' && text.charAt(i) !== '[') i++;
        var name = text.slice(start, i);
        if (name === '') return undefined;
        segments.push(/^(0|[1-9][0-9]*)$/.test(name) ? Number(name) : name);
      } else if (c === '[') {
        var q = text.charAt(i + 1);
        if (q === '"' || q === "'") {
          var j = i + 2;
          while (j < n && text.charAt(j) !== q) j += text.charAt(j) === '\\' ? 2 : 1;
          if (j >= n || text.charAt(j + 1) !== ']') return undefined;
          var literal = text.slice(i + 1, j + 1);
          var key;
          try {
            key = q === '"' ? JSON.parse(literal) : JSON.parse('"' + literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"') + '"');
          } catch (e) {
            return undefined;
          }
          segments.push(key);
          i = j + 2;
        } else {
          var close = text.indexOf(']', i);
          if (close < 0) return undefined;
          var digits = text.slice(i + 1, close);
          if (!/^(0|[1-9][0-9]*)$/.test(digits)) return undefined;
          segments.push(Number(digits));
          i = close + 1;
        }
      } else {
        return undefined;
      }
    }
    return segments;
  }

  function kindOf(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    var t = typeof value;
    if (t === 'object') return 'object';
    if (t === 'string' || t === 'number' || t === 'boolean') return t;
    return 'other';
  }

  function isContainer(value) {
    return value !== null && typeof value === 'object';
  }

  var keyCache = typeof WeakMap === 'function' ? new WeakMap() : null;
  /** Object.keys, cached: a 100k-key object is paged many times. */
  function keysOf(obj) {
    if (!keyCache) return Object.keys(obj);
    var k = keyCache.get(obj);
    if (!k) {
      k = Object.keys(obj);
      keyCache.set(obj, k);
    }
    return k;
  }

  function sizeOf(value) {
    if (Array.isArray(value)) return value.length;
    if (isContainer(value)) return keysOf(value).length;
    return 0;
  }

  /** [key, child] pairs of children start..end (exclusive) of an object or array. */
  function childEntries(value, start, end) {
    var out = [];
    if (Array.isArray(value)) {
      var stop = Math.min(end, value.length);
      for (var i = start; i < stop; i++) out.push([i, value[i]]);
    } else if (isContainer(value)) {
      var keys = keysOf(value);
      var last = Math.min(end, keys.length);
      for (var j = start; j < last; j++) out.push([keys[j], value[keys[j]]]);
    }
    return out;
  }

  /** How many children to show after one more "show more" click. */
  function nextShown(total, shown, step) {
    return Math.min(total, shown + (step || CHUNK));
  }

  /*
   * Which children of a big container are rendered: sorted, disjoint [start, end) ranges. It
   * starts as the first chunk; "show more" grows a range; revealing a find match adds the chunk
   * around it (so item 35 000 of an array does not need 35 000 rows first).
   */
  function defaultRanges(total) {
    return total > 0 ? [[0, Math.min(CHUNK, total)]] : [];
  }

  /** Adds [start, end) and merges touching or overlapping ranges. */
  function addRange(ranges, start, end) {
    var all = ranges.concat([[start, end]]).filter(function (r) { return r[1] > r[0]; });
    all.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    for (var i = 0; i < all.length; i++) {
      var last = out[out.length - 1];
      if (last && all[i][0] <= last[1]) last[1] = Math.max(last[1], all[i][1]);
      else out.push([all[i][0], all[i][1]]);
    }
    return out;
  }

  function rangesContain(ranges, index) {
    for (var i = 0; i < ranges.length; i++) if (index >= ranges[i][0] && index < ranges[i][1]) return true;
    return false;
  }

  /** Ranges that also show the chunk (CHUNK-aligned) holding `index`. */
  function revealIndex(ranges, index, total) {
    if (rangesContain(ranges, index)) return ranges;
    var start = Math.floor(index / CHUNK) * CHUNK;
    return addRange(ranges, start, Math.min(total, start + CHUNK));
  }

  function shownTotal(ranges) {
    var n = 0;
    for (var i = 0; i < ranges.length; i++) n += ranges[i][1] - ranges[i][0];
    return n;
  }

  /**
   * What to render in order: `{ rows: [s, e] }` for shown children and `{ gap: [s, e] }` for the
   * hidden ones between or after them (a "show more" row).
   */
  function layoutChildren(ranges, total) {
    var out = [];
    var at = 0;
    for (var i = 0; i < ranges.length; i++) {
      if (ranges[i][0] > at) out.push({ gap: [at, ranges[i][0]] });
      out.push({ rows: [ranges[i][0], Math.min(ranges[i][1], total)] });
      at = ranges[i][1];
    }
    if (at < total) out.push({ gap: [at, total] });
    return out;
  }

  /** Position of a child among its parent's children (for revealing it past the shown chunk). */
  function childIndex(parent, segment) {
    if (Array.isArray(parent)) return typeof segment === 'number' ? segment : -1;
    if (!isContainer(parent)) return -1;
    return keysOf(parent).indexOf(String(segment));
  }

  /** Cheap test: could this string be a JSON object or array? (first/last non-space characters) */
  function looksLikeJson(s) {
    if (typeof s !== 'string' || s.length < 2) return false;
    var a = 0;
    var b = s.length - 1;
    while (a < b && /\s/.test(s.charAt(a))) a++;
    while (b > a && /\s/.test(s.charAt(b))) b--;
    var first = s.charAt(a);
    var last = s.charAt(b);
    return (first === '{' && last === '}') || (first === '[' && last === ']');
  }

  /** The object or array a string holds, or undefined when it holds anything else. */
  function parseJsonString(s) {
    if (!looksLikeJson(s)) return undefined;
    try {
      var v = JSON.parse(s);
      return isContainer(v) ? cutDeep(v) : undefined;
    } catch (e) {
      return undefined;
    }
  }

  /** Whether to offer the "decode" toggle; long strings are offered on shape alone and parsed on click. */
  function offersDecode(s) {
    if (!looksLikeJson(s)) return false;
    if (s.length > EAGER_JSON_CHECK) return true;
    return parseJsonString(s) !== undefined;
  }

  /**
   * Follows segments from root. `decoded(pathKey)` returns the parsed value of a decoded JSON
   * string at that path (or undefined), so paths can continue inside decoded strings.
   */
  function resolvePath(root, segments, decoded) {
    var value = root;
    for (var i = 0; i < segments.length; i++) {
      if (typeof value === 'string' && decoded) {
        var d = decoded(formatPath(segments.slice(0, i)));
        if (d !== undefined) value = d;
      }
      if (!isContainer(value)) return { found: false };
      var s = segments[i];
      if (Array.isArray(value)) {
        if (typeof s !== 'number' || s >= value.length) return { found: false };
        value = value[s];
      } else {
        var k = String(s);
        if (!Object.prototype.hasOwnProperty.call(value, k)) return { found: false };
        value = value[k];
      }
    }
    return { found: true, value: value };
  }

  /**
   * Applies `jsonStringPaths`: returns a Map from formatted path to the parsed value for every
   * listed path that points at a string holding a JSON object or array. Paths are applied in
   * order of length, so one listed path may lie inside another decoded one.
   */
  function decodeJsonStringPaths(root, paths) {
    var out = new Map();
    if (!paths || !paths.length) return out;
    var parsed = [];
    for (var i = 0; i < paths.length; i++) {
      var segs = parsePath(paths[i]);
      if (segs) parsed.push(segs);
    }
    parsed.sort(function (a, b) { return a.length - b.length; });
    var lookup = function (key) { return out.get(key); };
    for (var j = 0; j < parsed.length; j++) {
      var r = resolvePath(root, parsed[j], lookup);
      if (!r.found || typeof r.value !== 'string') continue;
      var v = parseJsonString(r.value);
      if (v !== undefined) out.set(formatPath(parsed[j]), v);
    }
    return out;
  }

  function primitiveText(value) {
    if (value === null) return 'null';
    if (typeof value === 'string') return value;
    return String(value);
  }

  /**
   * Search over the data (not the DOM): keys and primitive values, case-insensitive substring.
   * Strings that are currently decoded are searched as their decoded tree. Time-sliced: call
   * `step(budgetMs)` until it returns true, so a 10 MB payload never blocks the panel.
   * Matches: `{ segments, kind: 'key' | 'value' }` in document order.
   */
  function createSearch(root, query, options) {
    var opts = options || {};
    var decoded = opts.decoded || null;
    var max = opts.maxMatches || MAX_MATCHES;
    var needle = String(query).toLowerCase();
    var now = opts.now || (typeof performance !== 'undefined' ? function () { return performance.now(); } : Date.now);
    var matches = [];
    var path = [];
    var stack = [];
    var done = needle === '';
    var truncated = false;
    var started = false;

    function add(kind) {
      if (matches.length >= max) {
        truncated = true;
        done = true;
        return;
      }
      matches.push({ segments: path.slice(), kind: kind });
    }

    /** Visits one value at the current path; pushes a frame when it is a container. */
    function visit(value) {
      if (typeof value === 'string') {
        if (decoded && value.length > 1 && (value.charAt(0) === '{' || value.charAt(0) === '[' || /^\s/.test(value))) {
          var d = decoded(formatPath(path));
          if (d !== undefined) value = d;
        }
      }
      if (isContainer(value)) {
        stack.push({ value: value, keys: Array.isArray(value) ? null : keysOf(value), i: 0, n: sizeOf(value), pushed: false });
        return;
      }
      if (primitiveText(value).toLowerCase().indexOf(needle) >= 0) add('value');
    }

    function step(budgetMs) {
      if (done) return true;
      var deadline = now() + (budgetMs === undefined ? Infinity : budgetMs);
      if (!started) {
        started = true;
        visit(root);
      }
      var count = 0;
      while (stack.length && !done) {
        var f = stack[stack.length - 1];
        if (f.pushed) {
          path.pop();
          f.pushed = false;
        }
        if (f.i >= f.n) {
          stack.pop();
          continue;
        }
        var key = f.keys ? f.keys[f.i] : f.i;
        var child = f.keys ? f.value[key] : f.value[f.i];
        f.i++;
        path.push(key);
        f.pushed = true;
        if (f.keys && key.toLowerCase().indexOf(needle) >= 0) add('key');
        if (done) break;
        visit(child);
        if ((++count & 1023) === 0 && now() > deadline) return false;
      }
      done = true;
      return true;
    }

    return {
      step: step,
      get matches() { return matches; },
      get done() { return done; },
      get truncated() { return truncated; },
    };
  }

  /** Runs a whole search synchronously (tests, small payloads). */
  function search(root, query, options) {
    var s = createSearch(root, query, options);
    s.step();
    return { matches: s.matches, truncated: s.truncated };
  }

  /** Positions of `needle` in `text`, case-insensitive, for highlighting (at most `max`). */
  function findRanges(text, needle, max) {
    var out = [];
    if (!needle) return out;
    var hay = text.toLowerCase();
    var n = needle.toLowerCase();
    var at = hay.indexOf(n);
    while (at >= 0 && out.length < (max || 50)) {
      out.push([at, at + n.length]);
      at = hay.indexOf(n, at + n.length);
    }
    return out;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }

  /**
   * `2024-05-01T12:34:56.123456000Z` → local time with the source's precision (trailing zero
   * groups of three digits dropped), e.g. `2024-05-01 14:34:56.123456` and zone `UTC+02:00`.
   * `offsetMinutes` is minutes east of UTC (the negated `Date#getTimezoneOffset`).
   */
  function formatPreciseTime(iso, offsetMinutes) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(String(iso));
    if (!m) return { local: String(iso), zone: '', utc: String(iso) };
    var wholeMs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    var off = typeof offsetMinutes === 'number' ? offsetMinutes : -new Date(wholeMs).getTimezoneOffset();
    var d = new Date(wholeMs + off * 60000);
    var frac = (m[7] || '').padEnd ? (m[7] || '').padEnd(9, '0') : (m[7] || '') + '000000000'.slice((m[7] || '').length);
    while (frac.length && frac.slice(-3) === '000') frac = frac.slice(0, -3);
    var local =
      d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2) + ' ' +
      pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2) +
      (frac ? '.' + frac : '');
    var sign = off < 0 ? '-' : '+';
    var a = Math.abs(off);
    var zone = 'UTC' + sign + pad(Math.floor(a / 60), 2) + ':' + pad(a % 60, 2);
    return { local: local, zone: zone, utc: String(iso) };
  }

  /** `1.2 MB`-style sizes for "show full string (…)". */
  function formatSize(chars) {
    if (chars < 1024) return chars + ' chars';
    if (chars < 1024 * 1024) return (chars / 1024).toFixed(1) + ' K chars';
    return (chars / 1024 / 1024).toFixed(1) + ' M chars';
  }

  /** Only http(s) URLs are ever offered as links. */
  function isWebUrl(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url);
  }

  return {
    CHUNK: CHUNK,
    MAX_DEPTH: MAX_DEPTH,
    DEPTH_PLACEHOLDER: DEPTH_PLACEHOLDER,
    cutDeep: cutDeep,
    STRING_PREVIEW: STRING_PREVIEW,
    EAGER_JSON_CHECK: EAGER_JSON_CHECK,
    MAX_MATCHES: MAX_MATCHES,
    formatPath: formatPath,
    parsePath: parsePath,
    kindOf: kindOf,
    isContainer: isContainer,
    keysOf: keysOf,
    sizeOf: sizeOf,
    childEntries: childEntries,
    nextShown: nextShown,
    defaultRanges: defaultRanges,
    addRange: addRange,
    rangesContain: rangesContain,
    revealIndex: revealIndex,
    shownTotal: shownTotal,
    layoutChildren: layoutChildren,
    childIndex: childIndex,
    looksLikeJson: looksLikeJson,
    parseJsonString: parseJsonString,
    offersDecode: offersDecode,
    resolvePath: resolvePath,
    decodeJsonStringPaths: decodeJsonStringPaths,
    primitiveText: primitiveText,
    createSearch: createSearch,
    search: search,
    findRanges: findRanges,
    formatPreciseTime: formatPreciseTime,
    formatSize: formatSize,
    isWebUrl: isWebUrl,
  };
});

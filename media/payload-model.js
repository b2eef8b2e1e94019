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
  var TWO_53 = 9007199254740992;
  var DEPTH_PLACEHOLDER = '[nested deeper than ' + MAX_DEPTH + ' levels: not shown]';

  /*
   * Integers beyond 2^53 (ids, Snowflake-style keys) lose digits in JSON.parse: 12345678901234567890
   * becomes 12345678901234567000. Their source text is kept beside the parsed number, keyed by the
   * object or array that holds it, so that the panel shows and copies them, and JSON written back
   * (copy, document, export) carries them, exactly as the server sent them.
   */
  var exactByHolder = typeof WeakMap === 'function' ? new WeakMap() : null;
  var anyExact = false;
  /** Where JSON text stood for a big integer while it was parsed, and where stringifyExact writes one. */
  var READ_MARK = '\uE000#';
  var WRITE_MARK = '\uE001';

  function noteExactNumber(holder, key, text) {
    if (!exactByHolder || !isContainer(holder)) return;
    var texts = exactByHolder.get(holder);
    if (!texts) exactByHolder.set(holder, (texts = new Map()));
    texts.set(String(key), text);
    anyExact = true;
  }

  /** The source text of the number at `holder[key]` when it was an integer beyond 2^53. */
  function exactNumberText(holder, key) {
    if (!anyExact || !isContainer(holder)) return undefined;
    var texts = exactByHolder.get(holder);
    return texts ? texts.get(String(key)) : undefined;
  }

  /** Passes the exact texts of `from`'s own numbers on to `to`, a copy of it. */
  function copyExactNumbers(from, to) {
    var texts = anyExact && isContainer(from) ? exactByHolder.get(from) : undefined;
    if (texts && isContainer(to)) texts.forEach(function (text, key) { noteExactNumber(to, key, text); });
  }

  /** The deepest nesting of objects and arrays in JSON text, and where its integers beyond 2^53 stand, in one pass. */
  function scanJson(text) {
    var depth = 0;
    var max = 0;
    var big = [];
    var n = text.length;
    for (var i = 0; i < n; i++) {
      var c = text.charCodeAt(i);
      if (c === 34) {
        i = stringEnd(text, i);
      } else if (c === 123 || c === 91) {
        if (++depth > max) max = depth;
      } else if (c === 125 || c === 93) {
        depth--;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        var j = c === 45 ? i + 1 : i;
        while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        var after = text.charCodeAt(j);
        var integer = after !== 46 && after !== 101 && after !== 69;
        if (integer && j - i >= 16 && !Number.isSafeInteger(Number(text.slice(i, j)))) big.push(i, j);
        while (j < n) {
          var d = text.charCodeAt(j);
          if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
          else break;
        }
        i = j - 1;
      }
    }
    return { depth: max, bigIntegers: big };
  }

  /** Index of the quote closing the string that opens at `start` (or the end of the text). */
  function stringEnd(text, start) {
    var at = start;
    for (;;) {
      at = text.indexOf('"', at + 1);
      if (at < 0) return text.length;
      var backslashes = 0;
      while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) return at;
    }
  }

  /**
   * JSON.parse for text from a server: nesting below MAX_DEPTH cut, integers beyond 2^53 kept as
   * numbers with their source text noted (see exactNumberText). Throws what JSON.parse throws.
   */
  function parseJsonText(text) {
    // JSON.parse first, then one walk of what it built reads the depth and looks for a number
    // beyond 2^53 (a few times faster than scanning the text); only a text holding such a number
    // is scanned for the digits the server sent.
    var parsed = JSON.parse(text);
    var shape = shapeOf(parsed, MAX_DEPTH);
    if (!shape.huge) return shape.deep ? cutDeep(parsed) : parsed;
    var scan = scanJson(text);
    var big = scan.bigIntegers;
    var value;
    if (big.length && text.indexOf(READ_MARK) < 0) {
      var parts = [];
      var at = 0;
      for (var b = 0; b < big.length; b += 2) {
        parts.push(text.slice(at, big[b]), '"' + READ_MARK + text.slice(big[b], big[b + 1]) + '"');
        at = big[b + 1];
      }
      parts.push(text.slice(at));
      value = restoreBigIntegers(JSON.parse(parts.join('')));
    } else {
      value = JSON.parse(text);
    }
    return scan.depth > MAX_DEPTH ? cutDeep(value) : value;
  }

  /**
   * Whether containers nest more than `limit` deep in `value`, and whether it holds a number at or
   * beyond 2^53 (JSON.parse may have rounded its digits). No recursion.
   */
  function shapeOf(value, limit) {
    var shape = { deep: false, huge: typeof value === 'number' && !(Math.abs(value) < TWO_53) };
    if (!isContainer(value)) return shape;
    var stack = [value, 1];
    while (stack.length) {
      var depth = stack.pop();
      var container = stack.pop();
      if (depth > limit) shape.deep = true;
      var keys = Array.isArray(container) ? null : Object.keys(container);
      var n = keys ? keys.length : container.length;
      for (var i = 0; i < n; i++) {
        var child = keys ? container[keys[i]] : container[i];
        if (typeof child === 'number') {
          if (!(Math.abs(child) < TWO_53)) shape.huge = true;
        } else if (isContainer(child) && !(shape.deep && depth >= limit)) stack.push(child, depth + 1);
      }
      if (shape.deep && shape.huge) break;
    }
    return shape;
  }

  /** Turns the marked strings parseJsonText put in back into numbers, noting their text (no recursion). */
  function restoreBigIntegers(value) {
    if (typeof value === 'string' && value.indexOf(READ_MARK) === 0) return Number(value.slice(READ_MARK.length));
    if (!isContainer(value)) return value;
    var stack = [value];
    while (stack.length) {
      var container = stack.pop();
      var keys = Object.keys(container);
      for (var i = 0; i < keys.length; i++) {
        var child = container[keys[i]];
        if (isContainer(child)) stack.push(child);
        else if (typeof child === 'string' && child.indexOf(READ_MARK) === 0) {
          var digits = child.slice(READ_MARK.length);
          container[keys[i]] = Number(digits);
          noteExactNumber(container, Array.isArray(container) ? Number(keys[i]) : keys[i], digits);
        }
      }
    }
    return value;
  }

  /** JSON.stringify that writes integers beyond 2^53 with the digits the server sent. */
  function stringifyExact(value, space) {
    if (!anyExact) return JSON.stringify(value, null, space);
    var written = 0;
    var text = JSON.stringify(value, function (key, v) {
      if (typeof v === 'number') {
        var exact = exactNumberText(this, key);
        if (exact !== undefined) {
          written++;
          return WRITE_MARK + exact + WRITE_MARK;
        }
      }
      return v;
    }, space);
    if (text === undefined || !written) return text;
    var pattern = /"\uE001(-?\d+)\uE001"/g;
    // A string of the data that looks like our mark would be turned into a number: then give up the exact digits.
    if ((text.match(pattern) || []).length !== written) return JSON.stringify(value, null, space);
    return text.replace(pattern, '$1');
  }

  /** Every exact number of `root` as [path, text] (for the webview, which cannot see this side's notes). */
  function exactNumberPaths(root) {
    var out = [];
    if (!anyExact || !isContainer(root)) return out;
    var stack = [[root, []]];
    while (stack.length) {
      var frame = stack.pop();
      var container = frame[0];
      var texts = exactByHolder.get(container);
      if (texts) texts.forEach(function (text, key) { out.push([formatPath(frame[1].concat([Array.isArray(container) ? Number(key) : key])), text]); });
      var keys = Object.keys(container);
      for (var i = 0; i < keys.length; i++) {
        var child = container[keys[i]];
        if (isContainer(child)) stack.push([child, frame[1].concat([Array.isArray(container) ? Number(keys[i]) : keys[i]])]);
      }
    }
    return out;
  }

  /** Notes the exact numbers listed by exactNumberPaths on `root` again (in the webview). */
  function applyExactNumberPaths(root, list) {
    if (!Array.isArray(list)) return;
    for (var i = 0; i < list.length; i++) {
      var item = list[i];
      if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string' || !/^-?\d+$/.test(item[1])) continue;
      var segs = parsePath(item[0]);
      if (!segs || !segs.length) continue;
      var holder = resolvePath(root, segs.slice(0, -1));
      var last = segs[segs.length - 1];
      if (holder.found && isContainer(holder.value) && typeof childOf(holder.value, last) === 'number') noteExactNumber(holder.value, last, item[1]);
    }
  }

  function childOf(container, segment) {
    return Object.prototype.hasOwnProperty.call(container, String(segment)) ? container[String(segment)] : undefined;
  }

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
      var v = parseJsonText(s);
      return isContainer(v) ? v : undefined;
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

  /** A value's text; `holder` and `key` (where it sits) give a big integer's exact digits. */
  function primitiveText(value, holder, key) {
    if (value === null) return 'null';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && holder !== undefined) {
      var exact = exactNumberText(holder, key);
      if (exact !== undefined) return exact;
    }
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
    parseJsonText: parseJsonText,
    stringifyExact: stringifyExact,
    exactNumberText: exactNumberText,
    copyExactNumbers: copyExactNumbers,
    exactNumberPaths: exactNumberPaths,
    applyExactNumberPaths: applyExactNumberPaths,
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

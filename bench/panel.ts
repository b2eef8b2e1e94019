/**
 * The payload panel page in Chromium with a 10 MB event: first paint and interactive (the
 * measurement of test/ui/payload-standalone.js, shared with it), and whether scrolling stays
 * smooth (frame times while scrolling the expanded 29,500-record array).
 */
import * as path from 'path';
import { median, ROOT, round } from './common';

// The functions below run in the page (tsconfig has no DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
declare function requestAnimationFrame(callback: () => void): number;

interface Standalone {
  loadHtmlBuilder(): unknown;
  startServer(builder: unknown): Promise<import('http').Server>;
  launchBrowser(): Promise<Browser>;
  openPage(browser: Browser, base: string): Promise<Page>;
  bigPayloadText(): string;
  measureBig(browser: Browser, base: string, text: string): Promise<Record<string, number>>;
}
interface Browser {
  newPage(options: unknown): Promise<Page>;
  close(): Promise<void>;
  version(): string;
}
interface Page {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  close(): Promise<void>;
}

export interface PanelResult {
  readonly chromium: string;
  readonly payloadMb: number;
  readonly runs: number;
  readonly parseMs: number;
  readonly firstPaintMs: number;
  readonly firstPaintInclParseMs: number;
  readonly interactiveMs: number;
  readonly expandRecordsMs: number;
  /** While scrolling through the expanded records: the 95th percentile and the longest frame, ms. */
  readonly scrollP95FrameMs: number;
  readonly scrollMaxFrameMs: number;
  readonly rows: number;
}

/** Scrolls the page 60 px a frame for 120 frames and records each frame's duration. */
function scrollFrames(): Promise<{ frames: number[]; rows: number }> {
  return new Promise((resolve) => {
    const frames: number[] = [];
    let last = performance.now();
    let n = 0;
    const step = () => {
      const now = performance.now();
      frames.push(now - last);
      last = now;
      window.scrollBy(0, 60);
      if (++n < 120) requestAnimationFrame(step);
      else resolve({ frames, rows: document.querySelectorAll('.row').length });
    };
    requestAnimationFrame(() => {
      last = performance.now();
      requestAnimationFrame(step);
    });
  });
}

export async function measurePanel(runs = 5): Promise<PanelResult> {
  // Plain JS shared with `npm test`'s Chromium stage.
  const standalone = require(path.join(ROOT, 'test', 'ui', 'payload-standalone.js')) as Standalone;
  const server = await standalone.startServer(standalone.loadHtmlBuilder());
  const base = `http://127.0.0.1:${(server.address() as import('net').AddressInfo).port}`;
  const browser = await standalone.launchBrowser();
  try {
    const text = standalone.bigPayloadText();
    const results: Array<Record<string, number>> = [];
    const p95: number[] = [];
    const max: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      results.push(await standalone.measureBig(browser, base, text));
      // A fresh page for the scroll: the big payload, the 29,500 records expanded (a chunk at a time).
      const page = await standalone.openPage(browser, base);
      await page.evaluate((t: string) => {
        const payload = JSON.parse(t);
        window.dispatchEvent(new window.MessageEvent('message', { data: { type: 'payload', header: { key: 'big/activity/1', id: '1', sourceLabel: 'bench', time: '2024-05-14T09:41:27.123456789Z', level: 'info', outcome: 'none', title: '10 MB payload', type: 'bench' }, payload, jsonStringPaths: ['event.body'] } }));
        const row = ([...document.querySelectorAll('.row')] as Array<{ querySelector(s: string): { textContent: string; click(): void } | null }>).find((r) => r.querySelector('.k')?.textContent === 'records');
        row?.querySelector('.twisty')?.click();
      }, text);
      const scroll = await page.evaluate(scrollFrames);
      const sorted = scroll.frames.slice(2).sort((a, b) => a - b);
      p95.push(sorted[Math.floor(sorted.length * 0.95)]);
      max.push(sorted[sorted.length - 1]);
      rows = scroll.rows;
      await page.close();
    }
    const med = (k: string) => round(median(results.map((r) => r[k])));
    return {
      chromium: browser.version(),
      payloadMb: round(Buffer.byteLength(text) / 1e6),
      runs,
      parseMs: med('parseMs'),
      firstPaintMs: med('firstPaintMs'),
      firstPaintInclParseMs: med('firstPaintInclParseMs'),
      interactiveMs: med('interactiveMs'),
      expandRecordsMs: med('expandRecordsMs'),
      scrollP95FrameMs: round(median(p95)),
      scrollMaxFrameMs: round(median(max)),
      rows,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

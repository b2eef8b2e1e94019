/** Types of media/payload-model.js (UMD: the webview's global `PayloadModel`, `require` in Node and the bundle). */
export type Segment = string | number;
export interface Match {
  segments: Segment[];
  kind: 'key' | 'value';
}
export interface Search {
  step(budgetMs?: number): boolean;
  readonly matches: Match[];
  readonly done: boolean;
  readonly truncated: boolean;
}
export interface SearchOptions {
  decoded?: (pathKey: string) => unknown;
  maxMatches?: number;
  now?: () => number;
}
export interface PayloadModel {
  CHUNK: number;
  MAX_DEPTH: number;
  DEPTH_PLACEHOLDER: string;
  cutDeep(value: unknown, maxDepth?: number): unknown;
  parseJsonText(text: string): unknown;
  stringifyExact(value: unknown, space?: number): string | undefined;
  exactNumberText(holder: unknown, key: string | number): string | undefined;
  copyExactNumbers(from: unknown, to: unknown): void;
  exactNumberPaths(root: unknown): Array<[string, string]>;
  applyExactNumberPaths(root: unknown, list: unknown): void;
  STRING_PREVIEW: number;
  EAGER_JSON_CHECK: number;
  formatPath(segments: readonly Segment[]): string;
  parsePath(text: string): Segment[] | undefined;
  kindOf(v: unknown): string;
  sizeOf(v: unknown): number;
  childEntries(v: unknown, start: number, end: number): Array<[Segment, unknown]>;
  childIndex(parent: unknown, segment: Segment): number;
  nextShown(total: number, shown: number, step?: number): number;
  defaultRanges(total: number): Array<[number, number]>;
  addRange(ranges: Array<[number, number]>, start: number, end: number): Array<[number, number]>;
  rangesContain(ranges: Array<[number, number]>, index: number): boolean;
  revealIndex(ranges: Array<[number, number]>, index: number, total: number): Array<[number, number]>;
  shownTotal(ranges: Array<[number, number]>): number;
  layoutChildren(ranges: Array<[number, number]>, total: number): Array<{ rows?: [number, number]; gap?: [number, number] }>;
  looksLikeJson(s: unknown): boolean;
  parseJsonString(s: string): unknown;
  offersDecode(s: string): boolean;
  resolvePath(root: unknown, segments: Segment[], decoded?: (k: string) => unknown): { found: boolean; value?: unknown };
  decodeJsonStringPaths(root: unknown, paths: readonly string[]): Map<string, unknown>;
  createSearch(root: unknown, query: string, options?: SearchOptions): Search;
  search(root: unknown, query: string, options?: SearchOptions): { matches: Match[]; truncated: boolean };
  findRanges(text: string, needle: string, max?: number): Array<[number, number]>;
  formatPreciseTime(iso: string, offsetMinutes?: number): { local: string; zone: string; utc: string };
  isWebUrl(url: unknown): boolean;
}


declare const model: PayloadModel;
export default model;

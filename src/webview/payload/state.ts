/**
 * What the page holds: the header and payload it was sent, the view of the tree (expanded and
 * decoded nodes, pages shown, strings shown in full), the find, and the elements the modules
 * update. One mutable object each, shared by the modules of this folder.
 */
import { type Range, type Match, type Search, type Segment, defaultRanges, formatPath } from '../../core/jsonModel';
import type { CodeLinks, PayloadHeader } from './protocol';

export interface ValueRowInfo {
  readonly more?: false;
  readonly segments: Segment[];
  readonly key: string;
  readonly raw: unknown;
  readonly value: unknown;
  readonly depth: number;
}
/** A "show more" row of a big container. */
export interface MoreRowInfo {
  readonly more: true;
  readonly segments: Segment[];
  readonly key: string;
  readonly total: number;
  readonly gap: Range;
}
export type RowInfo = ValueRowInfo | MoreRowInfo;

/** A match of the find, with its path key (how the rendered nodes are found). */
export interface FindMatch extends Match {
  readonly key: string;
}

export const page = {
  header: undefined as PayloadHeader | undefined,
  /** What the host found of the activity's code (stack frame links, Go to Source). */
  code: undefined as CodeLinks | undefined,
  hasPayload: false,
  payload: undefined as unknown,
  /** Key of the activity whose tree state (expanded, decoded…) `tree` holds. */
  treeKey: undefined as string | undefined,
};

function emptyTree() {
  return {
    expanded: new Set<string>(),
    decodedOn: new Set<string>(),
    decodedCache: new Map<string, unknown>(),
    notJson: new Set<string>(),
    shownRanges: new Map<string, Range[]>(),
    fullStrings: new Map<string, number>(),
  };
}
export let tree = emptyTree();

/** The rendered nodes by path, and what each row stands for. */
export const rendered = {
  nodeByPath: new Map<string, HTMLElement>(),
  rowInfo: new WeakMap<Element, RowInfo>(),
};

export const ui: {
  status?: HTMLElement;
  toolbar?: HTMLElement;
  tree?: HTMLElement;
  findInput?: HTMLInputElement;
  findCount?: HTMLElement;
  openJson?: HTMLButtonElement;
  copyJson?: HTMLButtonElement;
} = {};

export const find = {
  query: '',
  job: undefined as Search | undefined,
  matches: [] as FindMatch[],
  current: -1,
  done: true,
  truncated: false,
  timer: 0,
};

/** Forgets the view of the previous payload. */
export function resetView(): void {
  tree = emptyTree();
  find.job = undefined;
  find.matches = [];
  find.current = -1;
}

export function pathKey(segments: readonly Segment[]): string {
  return formatPath(segments);
}

/** The value shown at `key`: a decoded JSON string's tree, or the raw value. */
export function effectiveValue(key: string, raw: unknown): unknown {
  if (typeof raw === 'string' && tree.decodedOn.has(key)) {
    const d = tree.decodedCache.get(key);
    if (d !== undefined) return d;
  }
  return raw;
}

export function decodedLookup(key: string): unknown {
  return tree.decodedOn.has(key) ? tree.decodedCache.get(key) : undefined;
}

export function rangesOf(key: string, total: number): Range[] {
  return tree.shownRanges.get(key) ?? defaultRanges(total);
}

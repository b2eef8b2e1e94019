/**
 * The group shapes every product has: a Failures group, and groups whose children are the values
 * of a facet found in the time window (workflows, components, traces, projects, actors...).
 */
import type { Activity } from './activity';
import { isFailure } from './activity';
import type { PageFetcher } from './paging';
import type { FacetCount, GroupIcon, GroupNode } from './source';
import { filteredFetcher } from './source';
import type { ResolvedWindow } from './time';

/** The source's failures: `list` gives them (filtered on the server, or by `failureScan`). */
export function failuresGroup(spec: { id?: string; label?: string; tooltip: string; list: (window: ResolvedWindow) => PageFetcher<Activity> }): GroupNode {
  return { id: spec.id ?? 'failures', label: spec.label ?? 'Failures', icon: 'failures', tooltip: spec.tooltip, failures: true, list: spec.list };
}

/**
 * The failures of a listing the server cannot filter by outcome: up to `maxScanPages` server
 * pages read per tree page, so that failures among thousands of entries still fill one.
 */
export function failureScan(fetcher: PageFetcher<Activity>, options: { minItems: number; maxScanPages: number }): PageFetcher<Activity> {
  return filteredFetcher(fetcher, isFailure, options);
}

/** A child of a facet group: the facet's own listing. */
export interface FacetChild {
  readonly tooltip: string;
  readonly icon: GroupIcon;
  readonly list: (window: ResolvedWindow) => PageFetcher<Activity>;
  /** Replaces the facet's label. */
  readonly label?: string;
  /** Said after the count (`· deleted`, `· failed`). */
  readonly note?: string;
}

export interface FacetGroupSpec<F extends FacetCount> {
  readonly id: string;
  readonly label: string;
  readonly tooltip: string;
  /** A child's id is `<childPrefix>:<facet id>`: stable, so that expansion survives refreshes. */
  readonly childPrefix: string;
  /** What the count of a child counts: `['run', 'runs']`. */
  readonly counted: readonly [one: string, many: string];
  /** The facet's values in the window, the most frequent (or newest) first. */
  readonly discover: (window: ResolvedWindow, signal?: AbortSignal) => Promise<readonly F[]>;
  readonly child: (facet: F) => FacetChild;
}

/** A folder whose children are the values of a facet found in the window, each with its count. */
export function facetGroup<F extends FacetCount>(spec: FacetGroupSpec<F>): GroupNode {
  return {
    id: spec.id,
    label: spec.label,
    icon: 'folder',
    tooltip: spec.tooltip,
    children: async (w, signal) =>
      (await spec.discover(w, signal)).map((facet): GroupNode => {
        const child = spec.child(facet);
        const count = `${facet.count} ${facet.count === 1 ? spec.counted[0] : spec.counted[1]}`;
        return {
          id: `${spec.childPrefix}:${facet.id}`,
          label: child.label ?? facet.label,
          description: child.note ? `${count} · ${child.note}` : count,
          tooltip: child.tooltip,
          icon: child.icon,
          list: child.list,
        };
      }),
  };
}

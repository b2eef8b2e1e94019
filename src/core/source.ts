/**
 * The contract between a product's source (plain code, src/sources/<product>) and the UI: a source
 * describes its groups, each of which lists activities a page at a time or discovers sub-groups.
 */
import type { Activity, Outcome, SourceKind } from './activity';
import type { SourceConfig } from './config';
import { sourceLabel } from './config';
import type { HttpClient } from './http';
import type { Logger } from './log';
import type { SecretRedactor } from './redact';
import type { Page, PageFetcher, UnreadableEntry } from './paging';
import type { ActivityQuery } from './query';
import { matchesQuery } from './query';
import type { ResolvedWindow } from './time';
import { collectPages } from './paging';

export type CredentialName = 'clientId' | 'clientSecret' | 'token';

/** Reads a source's secrets (SecretStorage in VS Code, environment variables as a fallback). */
export interface CredentialStore {
  /**
   * The secret, to be sent to `origins` only. A store that binds secrets to origins (see
   * src/core/credentials.ts) gives it only when it was entered for all of them, and throws an
   * `auth` error naming the new host when it was entered for others.
   */
  get(sourceId: string, name: CredentialName, origins: readonly string[]): Promise<string | undefined>;
}

export interface SourceContext {
  readonly http: HttpClient;
  readonly credentials: CredentialStore;
  readonly log: Logger;
  /**
   * Masks secrets in every message built from what a server said. A source registers the secrets
   * it reads under its own id; the same redactor is the logger's and the HTTP client's.
   */
  readonly redactor: SecretRedactor;
  /** Items per page the user asked for (each source clamps it to what its API allows). */
  readonly pageSize: number;
}

/** Icons are named by what they show; the UI maps them to codicons. */
export type GroupIcon =
  | 'runs'
  | 'steps'
  | 'events'
  | 'audit'
  | 'failures'
  | 'folder'
  | 'workflow'
  | 'function'
  | 'trace'
  | 'app'
  | 'project'
  | 'business-unit'
  | 'actor'
  | 'deploy'
  | 'search';

export interface GroupNode {
  /** Stable within its source, so that tree expansion survives refreshes. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: GroupIcon;
  /** What the run or step the group stands for came to (a Slack run and its steps): its icon says so. */
  readonly outcome?: Outcome;
  /** Its listing is activities already read (a run's step): nothing new can arrive, so it offers no live tail. */
  readonly snapshot?: boolean;
  /** Lists the group's activities, newest first, for a window resolved when the listing starts. */
  readonly list?: (window: ResolvedWindow) => PageFetcher<Activity>;
  /** Discovers sub-groups (workflows seen in the window, components, projects...). */
  readonly children?: (window: ResolvedWindow, signal?: AbortSignal) => Promise<GroupNode[]>;
  /** This group holds the source's failures. */
  readonly failures?: boolean;
  /** Entries can appear this late (Torq's audit log: up to 5 minutes): a live tail looks back this far. */
  readonly lagMs?: number;
  /** The group a live tail of the whole source follows. */
  readonly tailDefault?: boolean;
}

/** How a source answers a search: a listing already filtered, and the terms it cannot honour at all. */
export interface SearchPlan {
  readonly fetcher: PageFetcher<Activity>;
  /** Terms that do not apply to this source (e.g. `trace:` for SD Elements), said in the results. */
  readonly unsupported: readonly string[];
}

/** One labelled fact of an expanded activity ("Status", "FAILED"). */
export interface ActivityFact {
  readonly label: string;
  readonly value: string;
}

/** What an activity opens up into (a Torq run: its execution and trigger event), fetched when asked. */
export interface ActivityExpansion {
  readonly facts: readonly ActivityFact[];
  /** The event that started it, as the server sent it; undefined when the server has none. */
  readonly event?: unknown;
  /** The run that started this one (a nested run), as its trigger event names it. */
  readonly parent?: RelatedRun;
  /** The runs this one started, among those of the time window; undefined when it cannot have any. */
  readonly children?: ChildRuns;
}

/** Another run an expanded run links to: its execution id, and a label when its event named one. */
export interface RelatedRun {
  readonly executionId?: string;
  readonly label: string;
}

export interface ChildRuns {
  readonly runs: readonly Activity[];
  /** Why the list may be incomplete or empty (not found in the window, a page that failed…). */
  readonly note?: string;
}

/** An object an activity refers to, whose activities a source can list (SD Elements' projects and applications). */
export type ReferencedObject = 'project' | 'application';

export interface ActivitySource {
  readonly id: string;
  readonly kind: SourceKind;
  readonly label: string;
  groups(): readonly GroupNode[];
  /** The full payload of an activity: lists may omit bodies, so this may fetch. */
  loadPayload(activity: Activity, signal?: AbortSignal): Promise<unknown>;
  /** Checks the credentials and settings, and says who we are connected as. */
  testConnection(signal?: AbortSignal): Promise<string>;
  /** Searches the source: server-side where its API can filter, on the client otherwise. */
  search(query: ActivityQuery, window: ResolvedWindow): SearchPlan;
  /** The activity a nested run was started by (Torq), when it can be found. */
  findParent?(activity: Activity, signal?: AbortSignal): Promise<Activity | undefined>;
  /**
   * Opens an activity with an execution id up into its execution; fetched only when the user
   * expands it, never while listing. Sources without it keep their rows as leaves.
   */
  expand?(activity: Activity, signal?: AbortSignal, window?: ResolvedWindow): Promise<ActivityExpansion>;
  /** An execution by id as the server sends it (a parent run not found among the listed ones); undefined when unknown. */
  loadExecution?(executionId: string, signal?: AbortSignal): Promise<unknown>;
  /** A group listing the activities of the object `activity` refers to; undefined when it refers to none. */
  objectGroup?(activity: Activity, object: ReferencedObject): GroupNode | undefined;
  /** Its credentials were changed or forgotten: drops what was bought with them (Torq's bearer token). */
  credentialsChanged?(): void;
}

/** What every product's source holds the same way: its settings, id and label, and what it reads with. */
export abstract class ProductSource<Config extends SourceConfig> {
  readonly id: string;
  readonly label: string;

  constructor(
    readonly config: Config,
    protected readonly ctx: SourceContext,
  ) {
    this.id = config.id;
    this.label = sourceLabel(config);
  }

  get kind(): Config['kind'] {
    return this.config.kind;
  }
}

/** Search results: keeps what `matchesQuery` accepts, scanning a few server pages to fill one. */
export function searchFetcher(inner: PageFetcher<Activity>, clientQuery: ActivityQuery, minItems = 25): PageFetcher<Activity> {
  return filteredFetcher(inner, (a) => matchesQuery(a, clientQuery), { minItems, maxScanPages: 5 });
}

/** The window a search covers: its own since/until where given, the source's window otherwise. */
export function searchWindow(query: ActivityQuery, window: ResolvedWindow): ResolvedWindow {
  return { fromMs: query.sinceMs ?? window.fromMs, toMs: query.untilMs ?? window.toMs };
}

/**
 * A fetcher that keeps only the items `keep` accepts, reading up to `maxScanPages` server pages per
 * call so that a sparse filter (failures among thousands of runs) still fills a tree page.
 */
export function filteredFetcher<T>(
  inner: PageFetcher<T>,
  keep: (item: T) => boolean,
  options: { minItems: number; maxScanPages: number },
): PageFetcher<T> {
  return async (cursor, signal) => {
    const kept: T[] = [];
    const unreadable: UnreadableEntry[] = [];
    let next = cursor;
    for (let scanned = 0; scanned < options.maxScanPages; scanned++) {
      const page: Page<T> = await inner(next, signal);
      for (const item of page.items) if (keep(item)) kept.push(item);
      // Whether an entry that could not be read would have matched is unknown: it is counted.
      if (page.unreadable) unreadable.push(...page.unreadable);
      next = page.next;
      if (!next || kept.length >= options.minItems) break;
    }
    return unreadable.length ? { items: kept, unreadable, next } : { items: kept, next };
  };
}

export interface Facet {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

export type FacetCount = Facet & { readonly count: number };

/** The distinct values of a facet (workflow, component, project...) among `items`; the most frequent first. */
export function countFacets<T>(items: readonly T[], facetOf: (item: T) => Facet | undefined): FacetCount[] {
  const found = new Map<string, Facet & { count: number }>();
  for (const item of items) {
    const facet = facetOf(item);
    if (!facet) continue;
    const seen = found.get(facet.id);
    if (seen) seen.count++;
    else found.set(facet.id, { ...facet, count: 1 });
  }
  return [...found.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * Finds the distinct values of a facet among the activities of a listing, scanning at most
 * `maxPages`; the most frequent first.
 */
export async function discoverFacets<T>(
  fetcher: PageFetcher<T>,
  facetOf: (item: T) => Facet | undefined,
  options: { maxPages: number; signal?: AbortSignal; service?: string },
): Promise<FacetCount[]> {
  return countFacets(await collectPages(fetcher, options), facetOf);
}

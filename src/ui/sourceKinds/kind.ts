/** What the UI knows about one kind of source: one descriptor per product, in this folder. */
import type { CredentialName } from '../../core/source';

export interface CredentialPrompt {
  readonly name: CredentialName;
  readonly title: string;
  readonly prompt: string;
  readonly password: boolean;
}

/** A setting "Edit Source" offers besides the name. */
export interface EditField {
  /** The key in the source's settings entry. */
  readonly key: string;
  readonly label: string;
  /** Shown when the entry leaves the setting out. */
  readonly unset?: string;
  /** Offered as a pick instead of a text box. */
  readonly choices?: readonly string[];
  readonly prompt?: string;
}

/** A new entry for `activityLogs.sources` (no secrets); its credentials are asked for afterwards. */
export type NewSourceEntry = Record<string, unknown> & { readonly id: string; readonly label: string };

export type SuggestedSettings = Readonly<Record<string, string>>;

/** `items` with the one `isSuggested` picks first, so that Enter takes it. */
export function suggestedFirst<T>(items: readonly T[], isSuggested: (item: T) => boolean): T[] {
  return [...items.filter(isSuggested), ...items.filter((i) => !isSuggested(i))];
}

export interface SourceKindUi {
  /** What one source of this kind is called: "Torq workspace". */
  readonly label: string;
  /** The codicon of its sources in the tree. */
  readonly icon: string;
  readonly credentials: readonly CredentialPrompt[];
  readonly editFields: readonly EditField[];
  /**
   * Asks for the settings of a new source; undefined when cancelled. `suggested` (from a link,
   * src/sources/identity.ts `suggestedSettings`) fills in the answers, for the user to confirm.
   */
  promptNew(suggested?: SuggestedSettings): Promise<NewSourceEntry | undefined>;
}

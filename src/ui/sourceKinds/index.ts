/**
 * The UI of each kind of source, in one table the compiler checks for completeness: a fourth
 * product adds its descriptor file here and one line below.
 */
import type { SourceKind } from '../../core/activity';
import type { SourceKindUi } from './kind';
import { sdeKind } from './sde';
import { slackKind } from './slack';
import { torqKind } from './torq';

export type { CredentialPrompt, EditField, NewSourceEntry, SourceKindUi } from './kind';

export const SOURCE_KINDS: Readonly<Record<SourceKind, SourceKindUi>> = { torq: torqKind, slack: slackKind, sde: sdeKind };

export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SOURCE_KINDS, value);
}

/** The one way a command asks which source it applies to, when it was not invoked on one. */
import * as vscode from 'vscode';
import { describeWindow } from '../core/time';
import { SOURCE_KINDS } from './sourceKinds';
import type { RegisteredSource, SourceRegistry } from './sourceRegistry';

/**
 * Picks a configured source: the only one without asking, none when there is none (offering to
 * add one when none is configured at all), else the user's choice. `usable`: only the sources
 * that could be built (a live tail needs one; editing or removing a broken source does not).
 */
export async function pickSource(registry: SourceRegistry, title: string, usable = false): Promise<RegisteredSource | undefined> {
  const choices = usable ? registry.all.filter((e) => e.source) : registry.all;
  if (registry.all.length === 0) {
    void vscode.window
      .showInformationMessage(vscode.l10n.t('No Activity Logs source is configured yet.'), vscode.l10n.t('Add Source…'))
      .then((c) => c && vscode.commands.executeCommand('activityLogs.addSource'));
    return undefined;
  }
  if (choices.length <= 1) return choices[0];
  const pick = await vscode.window.showQuickPick(
    choices.map((e) => ({ label: e.source?.label ?? e.config.id, description: `${SOURCE_KINDS[e.config.kind].label} · ${describeWindow(e.window)}`, entry: e })),
    { title },
  );
  return pick?.entry;
}

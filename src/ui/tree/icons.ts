import * as vscode from 'vscode';
import { type Activity, activityIcon as activityIconId, type ActivityIconId, type SourceKind } from '../../core/activity';
import type { GroupIcon } from '../../core/source';
import { SOURCE_KINDS } from '../sourceKinds';

const GROUP_ICONS: Readonly<Record<GroupIcon, string>> = {
  runs: 'run-all',
  steps: 'debug-step-over',
  events: 'symbol-event',
  audit: 'history',
  failures: 'error',
  folder: 'folder',
  workflow: 'type-hierarchy-sub',
  function: 'symbol-function',
  trace: 'pulse',
  app: 'package',
  project: 'project',
  'business-unit': 'organization',
  actor: 'person',
  deploy: 'cloud-upload',
  search: 'search',
};

export function groupIcon(icon: GroupIcon): vscode.ThemeIcon {
  return icon === 'failures'
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
    : new vscode.ThemeIcon(GROUP_ICONS[icon]);
}

export function sourceIcon(kind: SourceKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(SOURCE_KINDS[kind].icon);
}

/** ThemeIcons are immutable values: one instance per codicon serves every row of the tree. */
let activityIcons: Record<ActivityIconId, vscode.ThemeIcon> | undefined;

export function activityIcon(a: Activity): vscode.ThemeIcon {
  activityIcons ??= {
    error: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
    pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
    clock: new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued')),
    warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    'debug-console': new vscode.ThemeIcon('debug-console'),
    history: new vscode.ThemeIcon('history'),
    'circle-outline': new vscode.ThemeIcon('circle-outline'),
  };
  return activityIcons[activityIconId(a)];
}

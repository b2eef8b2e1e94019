import * as vscode from 'vscode';
import { type Activity, activityIcon as activityIconId, type ActivityIconId, type Outcome, type SourceKind } from '../../core/activity';
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

/** A group that stands for a run or a step (`outcome`) shows how it went, as an activity's row does. */
export function groupIcon(icon: GroupIcon, outcome?: Outcome): vscode.ThemeIcon {
  if (outcome === 'failure' || outcome === 'success' || outcome === 'pending') return iconOf(activityIconId({ outcome, level: 'info', stream: '' }));
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
  return iconOf(activityIconId(a));
}

function iconOf(id: ActivityIconId): vscode.ThemeIcon {
  activityIcons ??= {
    error: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
    pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
    clock: new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued')),
    warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    'debug-console': new vscode.ThemeIcon('debug-console'),
    history: new vscode.ThemeIcon('history'),
    'circle-outline': new vscode.ThemeIcon('circle-outline'),
  };
  return activityIcons[id];
}

import * as vscode from 'vscode';
import type { Activity, SourceKind } from '../../core/activity';
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

/** ThemeIcons are immutable values: one instance per kind serves every row of the tree. */
let activityIcons: Record<'failed' | 'passed' | 'queued' | 'warning' | 'debug' | 'audit' | 'other', vscode.ThemeIcon> | undefined;

function icons(): NonNullable<typeof activityIcons> {
  return (activityIcons ??= {
    failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
    passed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
    queued: new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued')),
    warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    debug: new vscode.ThemeIcon('debug-console'),
    audit: new vscode.ThemeIcon('history'),
    other: new vscode.ThemeIcon('circle-outline'),
  });
}

export function activityIcon(a: Activity): vscode.ThemeIcon {
  const i = icons();
  switch (a.outcome) {
    case 'failure':
      return i.failed;
    case 'success':
      return i.passed;
    case 'pending':
      return i.queued;
    case 'none':
      break;
  }
  switch (a.level) {
    case 'fatal':
    case 'error':
      return i.failed;
    case 'warn':
      return i.warning;
    case 'trace':
    case 'debug':
      return i.debug;
    default:
      return a.stream === 'audit' ? i.audit : i.other;
  }
}

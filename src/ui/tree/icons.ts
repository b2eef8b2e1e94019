import * as vscode from 'vscode';
import type { Activity, SourceKind } from '../../core/activity';
import type { GroupIcon } from '../../core/source';

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

const SOURCE_ICONS: Readonly<Record<SourceKind, string>> = { torq: 'zap', slack: 'comment-discussion', sde: 'shield' };

export function groupIcon(icon: GroupIcon): vscode.ThemeIcon {
  return icon === 'failures'
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
    : new vscode.ThemeIcon(GROUP_ICONS[icon]);
}

export function sourceIcon(kind: SourceKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(SOURCE_ICONS[kind]);
}

export function activityIcon(a: Activity): vscode.ThemeIcon {
  switch (a.outcome) {
    case 'failure':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'success':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'pending':
      return new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued'));
    case 'none':
      break;
  }
  switch (a.level) {
    case 'fatal':
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'warn':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'trace':
    case 'debug':
      return new vscode.ThemeIcon('debug-console');
    default:
      return new vscode.ThemeIcon(a.stream === 'audit' ? 'history' : 'circle-outline');
  }
}

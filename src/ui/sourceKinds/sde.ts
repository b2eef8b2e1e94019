/**
 * SD Elements instances. The "Add SD Elements instance" form: a name and the instance URL; the API
 * token is asked for afterwards, into SecretStorage.
 */
import * as vscode from 'vscode';
import { unsafeUrlProblem } from '../../core/urls';
import { uniqueSourceId } from '../settings';
import type { NewSourceEntry, SourceKindUi, SuggestedSettings } from './kind';

const INSTANCE_PROMPT = 'The address you open SD Elements at';

async function promptSdeSource(suggested?: SuggestedSettings): Promise<NewSourceEntry | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'SD Elements instance URL',
    value: suggested?.url,
    prompt: INSTANCE_PROMPT,
    placeHolder: 'https://acme.sdelements.com',
    ignoreFocusOut: true,
    validateInput: (v) => unsafeUrlProblem(v, 'https://acme.sdelements.com'),
  });
  if (!url) return undefined;
  const instance = normaliseInstanceUrl(url);
  const label = await vscode.window.showInputBox({ title: 'Name of the SD Elements instance', value: `SD Elements (${new URL(instance).host})`, ignoreFocusOut: true });
  if (!label) return undefined;
  return { id: uniqueSourceId(label), kind: 'sde', label, url: instance };
}

/** The instance without a trailing slash or the API path people copy from the docs. */
function normaliseInstanceUrl(value: string): string {
  const u = new URL(value.trim());
  const path = u.pathname.replace(/\/+$/, '').replace(/\/api(\/v2)?$/, '');
  return `${u.origin}${path}`;
}

export const sdeKind: SourceKindUi = {
  label: 'SD Elements instance',
  icon: 'shield',
  credentials: [{ name: 'token', title: 'SD Elements API token', prompt: 'An APIv2 token (top-right menu → API Settings → APIv2 → Generate Token).', password: true }],
  editFields: [{ key: 'url', label: 'Instance URL', prompt: INSTANCE_PROMPT }],
  promptNew: promptSdeSource,
};

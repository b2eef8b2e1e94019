/**
 * Deterministic Torq workspace: workflows, integrations, activity-log entries (runs, nested runs,
 * single steps, events that triggered nothing) and audit-log entries. Entries are kept compact and
 * their event bodies are generated on demand from a per-entry seed, so 100 000 entries start fast.
 */
import { Prng } from '../prng';
import { msToNs } from '../time-util';

export type TorqEventType = 'integration' | 'on_demand' | 'nested' | 'single_step';
export type TorqStatus = 'SUCCESS' | 'FAILED' | 'RUNNING' | 'ON_HOLD' | 'STOPPED' | 'QUEUED' | 'DROPPED';
type BodyKind = 'phishing' | 'enrich' | 'datadog' | 'order' | 'schedule' | 'offboard' | 'jira' | 'edr' | 'single_step' | 'legacy';

export interface TorqIntegration {
  integration_id: string;
  integration_name: string;
  integration_type: string;
}

export interface TorqWorkflow {
  id: string;
  name: string;
  /** How its runs start; `nested` = only ever called by another workflow. */
  trigger: 'integration' | 'on_demand' | 'nested';
  integration?: TorqIntegration;
  steps: string[];
  bodyKind: BodyKind;
}

export interface TorqExecution {
  id: string;
  workflow: TorqWorkflow;
  status: TorqStatus;
  error?: string;
  startedNs: bigint;
  finishedNs?: bigint;
}

export interface TorqEntry {
  /** Generation order; stable across starts with the same seed. */
  index: number;
  id: string;
  eventId: string;
  prettyId: string;
  tsNs: bigint;
  type: TorqEventType;
  integration?: TorqIntegration;
  /** on_demand / single_step user, or the tester of an integration test event. */
  executedBy?: string;
  parent?: { workflow: TorqWorkflow; execution: TorqExecution };
  execution?: TorqExecution;
  bodyKind: BodyKind;
  big?: boolean;
  /** A big body like that of the entry with this index, one line in 500 changed: a second run of the same big event. */
  bigLike?: number;
  /** A fixed order number placed in the body (the "order 4711" search). */
  orderId?: number;
}

export interface TorqAuditEntry {
  id: string;
  tsNs: bigint;
  email: string;
  actor_name: string;
  actor_type: 'web_app' | 'api_key' | 'slack';
  action: string;
  resource_id: string;
  resource_name: string;
  ip: string;
  user_agent: string;
  extra_data?: Record<string, unknown>;
}

export interface TorqData {
  workspace: { id: string; name: string };
  workflows: TorqWorkflow[];
  integrations: TorqIntegration[];
  /** Newest first. */
  entries: TorqEntry[];
  /** Newest first. */
  audit: TorqAuditEntry[];
  /** The entry of an execution id (the index is built on first use). */
  executionById(id: string): TorqEntry | undefined;
  /** The JSON text of an entry's event body (generated on demand, cached). */
  bodyText(entry: TorqEntry): string;
  /** Entries worth pointing tests at. */
  samples: {
    orderId: number;
    orderEntryId: string;
    bigEntryId: string;
    bigExecutionId: string;
    /** The failed runs with a big body (`torqBigBodyRuns` above 1), newest last. */
    bigFailedEntryIds: string[];
    failedExecutionId: string;
    runningExecutionId: string;
    onHoldExecutionId: string;
    nestedEntryId: string;
    parentExecutionId: string;
    /** A run that started two others (both in the last 24 h). */
    parentOfTwoExecutionId: string;
    singleStepEntryId: string;
    noExecutionEntryId: string;
  };
}

/** Every audit action kind documented on developers.torq.io (resources-audit-logs). */
export const TORQ_AUDIT_ACTIONS = [
  'User invited',
  'User logged in',
  'Workflow created',
  'Workflow deleted',
  'Workflow updated',
  'Workflow published',
  'Workflow unpublished',
  'Workflow edited',
  'Workflow reverted',
  'Workflow enabled',
  'Workflow disabled',
  'Workspace variable created',
  'Workspace variable updated',
  'Workspace variable deleted',
  'Email address added',
  'Email address removed',
  'Webhook added',
  'Webhook removed',
  'Webhook authentication headers added',
  'Webhook authentication headers removed',
  'Webhook authentication headers updated',
  'API key enabled',
  'API key deleted',
  'Secret created',
  'Secret deleted',
  'Secret updated',
  'Integration created',
  'Integration deleted',
  'Integration updated',
  'Custom step created',
  'Custom step deleted',
  'Runner created',
  'Runner deleted',
  'IdP connection created',
  'IdP connection updated',
] as const;

export const TORQ_STATUSES: readonly TorqStatus[] = ['SUCCESS', 'FAILED', 'RUNNING', 'ON_HOLD', 'STOPPED', 'QUEUED', 'DROPPED'];

const USERS = [
  { name: 'Maya Cohen', email: 'maya.cohen@acme-secops.example' },
  { name: 'Daniel Levi', email: 'daniel.levi@acme-secops.example' },
  { name: 'Sara Okafor', email: 'sara.okafor@acme-secops.example' },
  { name: 'Tom Berg', email: 'tom.berg@acme-secops.example' },
];

const ERRORS: Record<BodyKind, string[]> = {
  phishing: ["step 'Send email' failed: 401 Unauthorized", "step 'Detonate URL' failed: sandbox quota exceeded"],
  enrich: [
    'HTTP Request: Get "https://www.virustotal.example/api/v3/ip_addresses/203.0.113.7": context deadline exceeded',
    "step 'Lookup IOC' failed: 429 Too Many Requests",
  ],
  datadog: ["step 'Page on-call' failed: PagerDuty integration is disabled", "step 'Parse JSON' failed: unexpected end of JSON input"],
  order: ["step 'Refund order' failed: order is already refunded", "step 'Notify customer' failed: invalid email address"],
  schedule: ["step 'Query scanner' failed: 503 Service Unavailable"],
  offboard: ["step 'Disable Okta user' failed: user not found", 'Approval timed out after 24h'],
  jira: ["step 'Update issue' failed: Jira issue SEC-1042 does not exist", "step 'Add comment' failed: 403 Forbidden"],
  edr: ["step 'Contain host' failed: device is offline"],
  single_step: ['HTTP Request: 404 Not Found', 'JQ: compile error: syntax error, unexpected INVALID_CHARACTER'],
  legacy: [],
};

function baseWorkflows(prng: Prng, integrations: TorqIntegration[]): TorqWorkflow[] {
  const [phish, datadog, shop, schedule, jira] = integrations;
  const make = (name: string, trigger: TorqWorkflow['trigger'], bodyKind: BodyKind, steps: string[], integration?: TorqIntegration): TorqWorkflow => ({
    id: prng.uuid(),
    name,
    trigger,
    integration,
    steps,
    bodyKind,
  });
  return [
    make('Phishing triage', 'integration', 'phishing', ['Parse email', 'Detonate URL', 'Run Enrich IOC', 'Send email'], phish),
    make('Enrich IOC', 'nested', 'enrich', ['Lookup IOC', 'Score verdict']),
    make('Datadog alert router', 'integration', 'datadog', ['Parse JSON', 'Route by severity', 'Page on-call'], datadog),
    make('Order fulfilment check', 'integration', 'order', ['Get order', 'Refund order', 'Notify customer'], shop),
    make('Daily vulnerability digest', 'integration', 'schedule', ['Query scanner', 'Build report', 'Post to Slack'], schedule),
    make('Offboard user', 'on_demand', 'offboard', ['Ask for approval', 'Disable Okta user', 'Revoke sessions']),
    make('Jira ticket sync', 'integration', 'jira', ['Get issue', 'Update issue', 'Add comment'], jira),
  ];
}

/** Ids are derived on demand from one seed per entry: 100 000 entries would otherwise cost 300 000 strings. */
function idFrom(seed: number, slot: number): string {
  return Prng.derive(seed, slot).uuid();
}

class Entry implements TorqEntry {
  type: TorqEventType = 'integration';
  bodyKind: BodyKind = 'legacy';
  integration?: TorqIntegration;
  executedBy?: string;
  parent?: { workflow: TorqWorkflow; execution: TorqExecution };
  execution?: TorqExecution;
  big?: boolean;
  /** A big body like that of the entry with this index, one line in 500 changed: a second run of the same big event. */
  bigLike?: number;
  orderId?: number;

  constructor(
    readonly index: number,
    private readonly idSeed: number,
    private readonly prettyNumber: number,
    readonly tsNs: bigint,
  ) {}

  get id(): string {
    return idFrom(this.idSeed, 0);
  }

  get eventId(): string {
    return idFrom(this.idSeed, 1);
  }

  get prettyId(): string {
    return `AC-${String(this.prettyNumber).padStart(6, '0')}`;
  }
}

class Execution implements TorqExecution {
  constructor(
    private readonly idSeed: number,
    readonly workflow: TorqWorkflow,
    public status: TorqStatus,
    public error: string | undefined,
    readonly startedNs: bigint,
    readonly finishedNs: bigint | undefined,
  ) {}

  get id(): string {
    return idFrom(this.idSeed, 2);
  }
}

interface GenContext {
  prng: Prng;
  nowMs: number;
  entries: TorqEntry[];
  workflows: TorqWorkflow[];
  integrations: TorqIntegration[];
  prettyCounter: number;
}

/** A random event time: mostly within the last 24 h, the rest up to 30 days back. */
function randomOffsetMs(prng: Prng): number {
  return prng.chance(0.85) ? prng.int(60_000, 24 * 3_600_000 - 60_000) : prng.int(24 * 3_600_000 + 60_000, 30 * 24 * 3_600_000);
}

function randomStatus(prng: Prng, offsetMs: number): TorqStatus {
  if (offsetMs < 20 * 60_000 && prng.chance(0.4)) {
    return prng.pick(['RUNNING', 'ON_HOLD', 'QUEUED'] as const);
  }
  return prng.weighted<TorqStatus>([
    ['SUCCESS', 74],
    ['FAILED', 20],
    ['STOPPED', 3],
    ['DROPPED', 1],
    ['ON_HOLD', 2],
  ]);
}

interface RunSpec {
  offsetMs: number;
  workflow: TorqWorkflow;
  type: TorqEventType;
  status: TorqStatus;
  durationMs?: number;
  parent?: TorqEntry;
  big?: boolean;
  orderId?: number;
}

function addEntry(ctx: GenContext, spec: RunSpec | { offsetMs: number; noExecution: true; integration: TorqIntegration; bodyKind: BodyKind }): TorqEntry {
  const { prng } = ctx;
  const tsNs = msToNs(ctx.nowMs - spec.offsetMs) + BigInt(prng.int(0, 999_999));
  const idSeed = Math.floor(prng.next() * 4294967296);
  const entry = new Entry(ctx.entries.length, idSeed, ctx.prettyCounter++, tsNs);
  if ('noExecution' in spec) {
    entry.integration = spec.integration;
    entry.bodyKind = spec.bodyKind;
    ctx.entries.push(entry);
    return entry;
  }
  const wf = spec.workflow;
  entry.type = spec.type;
  entry.bodyKind = spec.type === 'single_step' ? 'single_step' : wf.bodyKind;
  entry.big = spec.big;
  entry.orderId = spec.orderId;
  if (spec.type === 'integration') {
    entry.integration = wf.integration;
    if (prng.chance(0.05)) {
      entry.executedBy = prng.pick(USERS).email; // a test event sent from the designer
    }
  } else if (spec.type === 'on_demand' || spec.type === 'single_step') {
    entry.executedBy = prng.pick(USERS).email;
  } else if (spec.type === 'nested' && spec.parent?.execution) {
    entry.parent = { workflow: spec.parent.execution.workflow, execution: spec.parent.execution };
  }
  const startedNs = tsNs + BigInt(prng.int(2, 400)) * 1_000_000n + BigInt(prng.int(0, 999_999));
  let status = spec.status;
  const durationMs = spec.durationMs ?? prng.int(400, 180_000);
  let finishedNs: bigint | undefined = startedNs + BigInt(durationMs) * 1_000_000n + BigInt(prng.int(0, 999_999));
  if (finishedNs > msToNs(ctx.nowMs) && status !== 'QUEUED' && status !== 'ON_HOLD') {
    status = 'RUNNING';
  }
  if (status === 'RUNNING' || status === 'ON_HOLD' || status === 'QUEUED') {
    finishedNs = undefined;
  }
  entry.execution = new Execution(idSeed, wf, status, status === 'FAILED' ? prng.pick(ERRORS[entry.bodyKind]) : undefined, startedNs, finishedNs);
  ctx.entries.push(entry);
  return entry;
}

/** A parent run of "Phishing triage" and its nested "Enrich IOC" run. */
function addNestedPair(ctx: GenContext, offsetMs: number, wanted: TorqStatus): TorqEntry {
  const [phishing, enrich] = ctx.workflows;
  // A parent that has called its child is past the queue and any approval.
  const status = wanted === 'QUEUED' || wanted === 'ON_HOLD' ? 'RUNNING' : wanted;
  const childDurationMs = ctx.prng.int(800, 15_000);
  const parent = addEntry(ctx, { offsetMs, workflow: phishing, type: 'integration', status, durationMs: childDurationMs + ctx.prng.int(5_000, 60_000) });
  const childOffset = Math.max(1, offsetMs - ctx.prng.int(1_000, 4_000));
  const child = addEntry(ctx, { offsetMs: childOffset, workflow: enrich, type: 'nested', status: parent.execution?.status ?? status, durationMs: childDurationMs, parent });
  if (parent.execution?.status === 'FAILED' && child.execution?.status === 'FAILED') {
    parent.execution.error = `step 'Run Enrich IOC' failed: nested workflow 'Enrich IOC' failed: ${child.execution.error ?? 'unknown error'}`;
  }
  return parent;
}

export function generateTorqData(options: { seed: number; nowMs: number; activities: number; workflows: number; audit: number; bigBodyBytes: number; bigBodyRuns?: number }): TorqData {
  const prng = Prng.derive(options.seed, 'torq');
  const workspace = { id: prng.uuid(), name: 'acme-secops' };
  const integration = (integration_name: string, integration_type: string): TorqIntegration => ({ integration_id: prng.uuid(), integration_name, integration_type });
  const integrations = [
    integration('phishing-mailbox', 'webhook'),
    integration('Prod Datadog', 'datadog'),
    integration('shop-orders', 'webhook'),
    integration('Daily 08:00 UTC', 'schedule_event'),
    integration('Jira Cloud', 'jira'),
    integration('legacy-ingress', 'webhook'),
    integration('CrowdStrike Falcon', 'crowdstrike'),
  ];
  const workflows = baseWorkflows(prng, integrations);
  for (let n = workflows.length + 1; n <= options.workflows; n++) {
    workflows.push({ id: prng.uuid(), name: `EDR response ${n}`, trigger: 'integration', integration: integrations[6], steps: ['Get detection', 'Contain host'], bodyKind: 'edr' });
  }
  const ctx: GenContext = { prng, nowMs: options.nowMs, entries: [], workflows, integrations, prettyCounter: 104_211 };
  const wf = (name: string): TorqWorkflow => workflows.find((w) => w.name === name) as TorqWorkflow;
  const min = 60_000;

  // Fixed entries first, so every kind exists whatever the size and seed.
  const running = addEntry(ctx, { offsetMs: 90_000, workflow: wf('Datadog alert router'), type: 'integration', status: 'RUNNING', durationMs: 10 * min });
  const onHold = addEntry(ctx, { offsetMs: 7 * min, workflow: wf('Offboard user'), type: 'on_demand', status: 'ON_HOLD' });
  addEntry(ctx, { offsetMs: 30_000, workflow: wf('Jira ticket sync'), type: 'integration', status: 'QUEUED' });
  const parentOfTwo = addNestedPair(ctx, 12 * min, 'FAILED');
  addNestedPair(ctx, 20 * min, 'SUCCESS');
  const single = addEntry(ctx, { offsetMs: 25 * min, workflow: wf('Datadog alert router'), type: 'single_step', status: 'SUCCESS', durationMs: 900 });
  addEntry(ctx, { offsetMs: 31 * min, workflow: wf('Order fulfilment check'), type: 'single_step', status: 'FAILED', durationMs: 700 });
  const nothing = addEntry(ctx, { offsetMs: 40 * min, noExecution: true, integration: integrations[5], bodyKind: 'legacy' });
  const order = addEntry(ctx, { offsetMs: 55 * min, workflow: wf('Order fulfilment check'), type: 'integration', status: 'FAILED', orderId: 4711, durationMs: 4_000 });
  const big = addEntry(ctx, { offsetMs: 70 * min, workflow: wf('Datadog alert router'), type: 'integration', status: 'SUCCESS', big: true, durationMs: 9_000 });
  const bigFailures: TorqEntry[] = [];
  for (let n = 1; n < (options.bigBodyRuns ?? 1); n++) {
    const failure = addEntry(ctx, { offsetMs: (70 - n) * min, workflow: wf('Datadog alert router'), type: 'integration', status: 'FAILED', big: true, durationMs: 9_000 });
    // The first is the big success's event again with a few lines changed; the others differ throughout.
    if (n === 1) failure.bigLike = big.index;
    bigFailures.push(failure);
  }
  addEntry(ctx, { offsetMs: 3 * 60 * min, workflow: wf('Jira ticket sync'), type: 'integration', status: 'STOPPED' });
  addEntry(ctx, { offsetMs: 5 * 60 * min, workflow: wf('Datadog alert router'), type: 'integration', status: 'DROPPED' });
  addEntry(ctx, { offsetMs: 8 * 60 * min, workflow: wf('Daily vulnerability digest'), type: 'integration', status: 'SUCCESS' });
  addEntry(ctx, { offsetMs: 9 * 60 * min, workflow: wf('Offboard user'), type: 'on_demand', status: 'FAILED' });
  const nestedEntry = ctx.entries.find((e) => e.type === 'nested') as TorqEntry;
  const failed = ctx.entries.find((e) => e.execution?.status === 'FAILED') as TorqEntry;

  const triggered = workflows.filter((w) => w.trigger === 'integration');
  while (ctx.entries.length < options.activities) {
    const offsetMs = randomOffsetMs(prng);
    const roll = prng.next();
    if (roll < 0.14) {
      addNestedPair(ctx, offsetMs, randomStatus(prng, offsetMs));
    } else if (roll < 0.24) {
      addEntry(ctx, { offsetMs, workflow: wf('Offboard user'), type: 'on_demand', status: randomStatus(prng, offsetMs) });
    } else if (roll < 0.33) {
      const w = prng.pick(workflows);
      addEntry(ctx, { offsetMs, workflow: w, type: 'single_step', status: prng.chance(0.8) ? 'SUCCESS' : 'FAILED', durationMs: prng.int(100, 3_000) });
    } else if (roll < 0.42) {
      const source = prng.chance(0.6) ? integrations[5] : integrations[1];
      addEntry(ctx, { offsetMs, noExecution: true, integration: source, bodyKind: source === integrations[5] ? 'legacy' : 'datadog' });
    } else {
      const w = prng.pick(triggered.filter((t) => t.name !== 'Phishing triage'));
      let orderId: number | undefined;
      if (w.bodyKind === 'order') {
        orderId = prng.int(1000, 9998);
        orderId += orderId >= 4711 ? 1 : 0; // 4711 belongs to the one sample entry
      }
      addEntry(ctx, { offsetMs, workflow: w, type: 'integration', status: randomStatus(prng, offsetMs), orderId });
    }
  }
  ctx.entries.length = Math.min(ctx.entries.length, options.activities);
  // The failed triage at 12 min also ran "Enrich IOC" once more, which succeeded: a parent with
  // two child runs. Added after the count is reached, with numbers of its own, so that every other
  // entry stays as it was.
  if (parentOfTwo.index < ctx.entries.length) {
    addEntry({ ...ctx, prng: Prng.derive(options.seed, 'torq-first-child') }, { offsetMs: 12 * min - 1_000, workflow: workflows[1], type: 'nested', status: 'SUCCESS', durationMs: 600, parent: parentOfTwo });
  }
  const entries = [...ctx.entries].sort((a, b) => (a.tsNs === b.tsNs ? b.index - a.index : a.tsNs > b.tsNs ? -1 : 1));
  let executionIndex: Map<string, TorqEntry> | undefined;
  const executionById = (id: string): TorqEntry | undefined => {
    if (!executionIndex) {
      executionIndex = new Map();
      for (const entry of entries) {
        if (entry.execution) {
          executionIndex.set(entry.execution.id, entry);
        }
      }
    }
    return executionIndex.get(id);
  };

  const bodyCache = new Map<number, string>();
  const bodyText = (entry: TorqEntry): string => {
    let text = bodyCache.get(entry.index);
    if (text === undefined) {
      text = JSON.stringify(makeBody(options.seed, entry, options.bigBodyBytes));
      if (bodyCache.size >= 20_000) {
        bodyCache.clear();
      }
      bodyCache.set(entry.index, text);
    }
    return text;
  };

  const kept = (e: TorqEntry | undefined): string => (e && e.index < options.activities ? e.id : '');
  return {
    workspace,
    workflows,
    integrations,
    entries,
    audit: generateAudit(prng, options.nowMs, options.audit, workflows, integrations),
    executionById,
    bodyText,
    samples: {
      orderId: 4711,
      orderEntryId: kept(order),
      bigEntryId: kept(big),
      bigExecutionId: big.execution?.id ?? '',
      bigFailedEntryIds: bigFailures.map(kept).filter((id) => id),
      failedExecutionId: failed.execution?.id ?? '',
      runningExecutionId: running.execution?.id ?? '',
      onHoldExecutionId: onHold.execution?.id ?? '',
      nestedEntryId: kept(nestedEntry),
      parentExecutionId: nestedEntry.parent?.execution.id ?? '',
      parentOfTwoExecutionId: parentOfTwo.execution?.id ?? '',
      singleStepEntryId: kept(single),
      noExecutionEntryId: kept(nothing),
    },
  };
}

function makeBody(seed: number, entry: TorqEntry, bigBodyBytes: number): Record<string, unknown> {
  const prng = Prng.derive(seed, `torq-body:${entry.bigLike ?? entry.index}`);
  const host = `${prng.pick(['web', 'db', 'api', 'worker'])}-${prng.int(1, 40)}.prod.acme.example`;
  const ip = `203.0.113.${prng.int(1, 254)}`;
  const user = prng.pick(USERS);
  switch (entry.bodyKind) {
    case 'phishing':
      return {
        reporter: user.email,
        subject: prng.pick(['Urgent: invoice overdue', 'Your mailbox is full', 'Password expires today', 'Shared document']),
        sender: `no-reply@${prng.pick(['paypa1', 'micros0ft-login', 'docs-share'])}.example`,
        urls: [`https://${prng.pick(['login', 'secure', 'verify'])}.bad-domain.example/${prng.hex(8)}`],
        message_id: `<${prng.hex(16)}@mail.example>`,
        headers: JSON.stringify({ 'Received-SPF': 'softfail', 'X-Mailer': 'PHPMailer 6.1', 'Return-Path': 'bounce@bad-domain.example' }),
      };
    case 'enrich':
      return { ioc: ip, ioc_type: 'ip', requested_by: 'Phishing triage', parent_execution_id: entry.parent?.execution.id };
    case 'datadog': {
      const body: Record<string, unknown> = {
        alert_id: prng.int(100000000, 999999999),
        title: prng.pick(['High CPU on host', 'Disk almost full', 'Error rate above 5%', 'Suspicious login burst']),
        priority: prng.pick(['P1', 'P2', 'P3']),
        host,
        tags: ['env:prod', `service:${prng.pick(['checkout', 'search', 'auth'])}`],
        raw: JSON.stringify({ aggregation_key: prng.hex(12), event_type: 'query_alert_monitor', snapshot: `https://p.datadoghq.example/snapshot/${prng.hex(10)}.png` }),
      };
      if (entry.big) {
        // > 3 MB: the reason discard_body exists.
        const lines: string[] = [];
        let size = 0;
        for (let i = 0; size < bigBodyBytes; i++) {
          const line = `${new Date(1_700_000_000_000 + i * 1000).toISOString()} ${host} kernel: [${i}] audit: type=1400 apparmor="DENIED" operation="open" profile="/usr/sbin/ntpd" name="/var/lib/${prng.hex(12)}" pid=${prng.int(100, 99999)}`;
          lines.push(entry.bigLike !== undefined && i % 500 === 499 ? `${line} (again, run ${entry.index})` : line);
          size += line.length + 4;
        }
        body.log_lines = lines;
      }
      return body;
    }
    case 'order':
      return {
        event: 'order.payment_failed',
        order: { id: entry.orderId ?? prng.int(1000, 9999), customer_email: `customer${prng.int(1, 999)}@shop.example`, total: { amount: prng.int(500, 50000) / 100, currency: 'EUR' }, items: prng.int(1, 5) },
        reason: prng.pick(['card_declined', 'insufficient_funds', 'expired_card']),
      };
    case 'schedule':
      return { scheduled_time: new Date(Number(entry.tsNs / 1_000_000n)).toISOString(), schedule: '0 8 * * *' };
    case 'offboard':
      return { user_email: `leaver${prng.int(1, 300)}@acme.example`, reason: 'Employee left', requested_via: prng.pick(['designer', 'slack']) };
    case 'jira':
      return { webhookEvent: 'jira:issue_updated', issue: { key: `SEC-${prng.int(1000, 1999)}`, fields: { summary: prng.pick(['Rotate leaked key', 'Review firewall rule', 'Patch CVE-2024-3094']), status: { name: prng.pick(['To Do', 'In Progress', 'Done']) } } } };
    case 'edr':
      return { detection_id: `ldt:${prng.hex(32)}`, severity: prng.int(10, 100), hostname: host, tactic: prng.pick(['Execution', 'Persistence', 'Credential Access']) };
    case 'single_step':
      return { step: prng.pick(['HTTP Request', 'JQ', 'Send Slack message']), inputs: { url: `https://api.internal.example/v1/${prng.pick(['users', 'orders', 'hosts'])}/${prng.int(1, 500)}`, method: 'GET' } };
    case 'legacy':
    default:
      return { source: 'legacy-ingress', kind: prng.pick(['heartbeat', 'metrics', 'unknown']), value: prng.int(0, 100), host };
  }
}

function generateAudit(prng: Prng, nowMs: number, count: number, workflows: TorqWorkflow[], integrations: TorqIntegration[]): TorqAuditEntry[] {
  const agents = [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
    'python-requests/2.31.0',
  ];
  const out: TorqAuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    const action = i < TORQ_AUDIT_ACTIONS.length ? TORQ_AUDIT_ACTIONS[i] : prng.pick(TORQ_AUDIT_ACTIONS);
    const user = prng.pick(USERS);
    const actorType = prng.weighted<TorqAuditEntry['actor_type']>([
      ['web_app', 8],
      ['api_key', 3],
      ['slack', 1],
    ]);
    const entry: TorqAuditEntry = {
      id: prng.uuid(),
      tsNs: msToNs(nowMs - randomOffsetMs(prng)) + BigInt(prng.int(0, 999) * 1000),
      email: user.email,
      actor_name: actorType === 'api_key' ? prng.pick(['ci-deploy-key', 'siem-export']) : user.name,
      actor_type: actorType,
      action,
      resource_id: prng.uuid(),
      resource_name: '',
      ip: prng.chance(0.8) ? `198.51.100.${prng.int(1, 254)}` : `2001:db8::${prng.hex(4)}`,
      user_agent: actorType === 'api_key' ? agents[2] : prng.pick(agents.slice(0, 2)),
    };
    if (action.startsWith('Workflow')) {
      const w = prng.pick(workflows);
      entry.resource_id = w.id;
      entry.resource_name = w.name;
      entry.extra_data = { revision_id: prng.uuid(), ...(prng.chance(0.5) ? { tags: [prng.pick(['prod', 'phishing', 'beta'])] } : {}) };
    } else if (action.startsWith('User') || action.startsWith('Email')) {
      const target = prng.pick(USERS);
      entry.resource_name = target.email;
      entry.extra_data = { role: prng.pick(['Owner', 'Creator', 'Operator', 'Viewer']) };
    } else if (action.startsWith('Integration') || action.startsWith('Webhook')) {
      const integ = prng.pick(integrations);
      entry.resource_id = integ.integration_id;
      entry.resource_name = integ.integration_name;
    } else if (action.startsWith('Secret') || action.startsWith('Workspace variable')) {
      entry.resource_name = prng.pick(['PAGERDUTY_TOKEN', 'JIRA_API_TOKEN', 'DEFAULT_CHANNEL', 'VT_API_KEY']);
    } else {
      entry.resource_name = `${action.split(' ').slice(0, -1).join(' ')} ${prng.int(1, 9)}`;
    }
    out.push(entry);
  }
  return out.sort((a, b) => (a.tsNs === b.tsNs ? 0 : a.tsNs > b.tsNs ? -1 : 1));
}

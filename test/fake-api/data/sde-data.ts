/**
 * Deterministic SD Elements tenant: business units, applications, projects (some deleted),
 * users (one unreadable, one deleted) and the global activity log.
 */
import { Prng } from '../prng';

export interface SdeUser {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  is_active: boolean;
  is_superuser: boolean;
  /** How GET /api/v2/users/{id}/ answers for it. */
  access: 'ok' | 'forbidden' | 'deleted';
}

export interface SdeBusinessUnit {
  id: number;
  name: string;
}
export interface SdeApplication {
  id: number;
  name: string;
  businessUnit: SdeBusinessUnit;
  deleted: boolean;
}
export interface SdeProject {
  id: number;
  name: string;
  application: SdeApplication;
  deleted: boolean;
}

export interface SdeActivity {
  id: number;
  name: string;
  actor: number | null;
  text: string;
  /** Epoch microseconds; rendered in the server's zone when served. */
  dateUs: number;
  data: Record<string, unknown>;
  icon: string;
  log_level: string;
}

export interface SdeData {
  users: SdeUser[];
  businessUnits: SdeBusinessUnit[];
  applications: SdeApplication[];
  projects: SdeProject[];
  /** Newest first (ids descending). */
  activities: SdeActivity[];
  activityNames: string[];
}

/** Content type ids used in `/activity-redirect/<ct>/<id>/` links. */
const CT = { businessUnit: 27, application: 29, project: 32, task: 38, user: 4, report: 55 } as const;

const STANDARDS = [
  { id: 'T21', desc: 'T21: Ensure confidential data is sent over an encrypted channel' },
  { id: 'T38', desc: 'T38: Use parameterized queries' },
  { id: 'T57', desc: 'T57: Validate untrusted input' },
  { id: 'T101', desc: 'T101: Protect against cross-site request forgery' },
  { id: 'CT12', desc: 'CT12: Rotate service credentials every 90 days' },
];

const STATUSES = [
  { id: 'TS1', desc: 'Complete' },
  { id: 'TS2', desc: 'Not Applicable' },
  { id: 'TS3', desc: 'Incomplete' },
];

function link(ct: number, id: number | string, label: string): string {
  return `[${label}](/activity-redirect/${ct}/${id}/ "${label}")`;
}

export function fullName(user: SdeUser): string {
  return `${user.first_name} ${user.last_name}`;
}

export function generateSdeData(options: { seed: number; nowMs: number; activities: number }): SdeData {
  const prng = Prng.derive(options.seed, 'sde');
  const user = (id: number, first: string, last: string, role: string, access: SdeUser['access'] = 'ok', superuser = false): SdeUser => ({
    id,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@fake-sde.example`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
    first_name: first,
    last_name: last,
    role,
    is_active: access !== 'deleted',
    is_superuser: superuser,
    access,
  });
  const users = [
    user(1, 'Admin', 'Testerton', 'Admin', 'ok', true),
    user(2, 'Cindy', 'Lou', 'User'),
    user(3, 'Priya', 'Raman', 'User'),
    user(4, 'Marcus', 'Webb', 'Business Unit Lead'),
    user(5, 'Elena', 'Petrova', 'User'),
    user(6, 'Tomás', 'Herrera', 'User'),
    user(7, 'Grace', 'Kim', 'Auditor', 'forbidden'),
    user(8, 'Jordan', 'Blake', 'User', 'deleted'),
  ];
  const businessUnits = [
    { id: 1, name: 'Retail Banking' },
    { id: 2, name: 'Payments Platform' },
    { id: 3, name: 'Corporate IT' },
  ];
  const app = (id: number, name: string, bu: number, deleted = false): SdeApplication => ({ id, name, businessUnit: businessUnits[bu - 1], deleted });
  const applications = [app(1, 'Mobile Banking', 1), app(2, 'Online Portal', 1), app(3, 'Card Processing', 2), app(4, 'Internal Tools', 3), app(5, 'Legacy Portal', 1, true)];
  const project = (id: number, name: string, appId: number, deleted = false): SdeProject => ({ id, name, application: applications[appId - 1], deleted: deleted || applications[appId - 1].deleted });
  const projects = [
    project(1, 'iOS App 5.0', 1),
    project(2, 'Android App 5.0', 1),
    project(3, 'Portal Redesign', 2),
    project(4, 'Tokenization Service', 3),
    project(5, 'Fraud Scoring', 3),
    project(6, 'HR Self-Service', 4),
    project(7, 'Portal 2019', 5),
    project(8, 'Chargeback API (pilot)', 3, true),
  ];

  /** References to a project and its parents; ids of deleted objects are null or absent. */
  const projectRefs = (p: SdeProject): Record<string, unknown> => {
    const refs: Record<string, unknown> = {};
    const gone = (key: string, id: number, deleted: boolean): void => {
      if (!deleted) {
        refs[key] = id;
      } else if (p.id % 2 === 1) {
        refs[key] = null;
      } // else: absent
    };
    gone('project', p.id, p.deleted);
    refs.project_desc = p.name;
    gone('application', p.application.id, p.application.deleted);
    refs.application_desc = p.application.name;
    refs.business_unit = p.application.businessUnit.id;
    refs.business_unit_desc = p.application.businessUnit.name;
    return refs;
  };
  const projectLink = (p: SdeProject): string => (p.deleted ? `*${p.name}*` : link(CT.project, p.id, p.name));
  const appLink = (a: SdeApplication): string => (a.deleted ? `*${a.name}*` : link(CT.application, a.id, a.name));

  type Made = Omit<SdeActivity, 'id' | 'dateUs' | 'actor' | 'log_level'> & { actor?: number | null };
  const templates: ((actor: SdeUser) => Made)[] = [
    (a) => ({ name: 'LoggedInActivity', text: `*${fullName(a)}* logged in`, data: {}, icon: 'user' }),
    (a) => ({ name: 'LoggedOutActivity', text: `*${fullName(a)}* logged out`, data: {}, icon: 'user' }),
    (a) => {
      const p = prng.pick(projects);
      const u = prng.pick(users.filter((x) => x.id !== a.id));
      return {
        name: 'AddedUserToProjectActivity',
        text: `*${fullName(a)}* added *${fullName(u)}* to project ${projectLink(p)} in application ${appLink(p.application)}`,
        data: { user: `U${u.id}`, user_desc: fullName(u), ...projectRefs(p) },
        icon: 'personAdd',
      };
    },
    (a) => {
      const p = prng.pick(projects);
      const s = prng.pick(STANDARDS);
      const task = `${p.id}-${s.id}`;
      return {
        name: 'CreatedTaskActivity',
        text: `*${fullName(a)}* created ${link(CT.task, prng.int(100, 999), s.desc)} in project ${projectLink(p)}`,
        data: { task, task_desc: s.desc, ...projectRefs(p), standard: s.id, standard_desc: s.desc },
        icon: 'create',
      };
    },
    (a) => {
      const p = prng.pick(projects);
      const s = prng.pick(STANDARDS);
      const st = prng.pick(STATUSES);
      return {
        name: 'MarkedTaskActivity',
        text: `*${fullName(a)}* marked ${link(CT.task, prng.int(100, 999), s.desc)} as *${st.desc}* in project ${projectLink(p)}`,
        data: { task: `${p.id}-${s.id}`, task_desc: s.desc, status: st.id, status_desc: st.desc, ...projectRefs(p), standard: s.id, standard_desc: s.desc },
        icon: 'check',
      };
    },
    (a) => {
      const p = prng.pick(projects);
      const s = prng.pick(STANDARDS);
      const u = prng.pick(users);
      // Older activity kinds reference users by plain integer.
      return {
        name: 'AssignedUserToTaskActivity',
        text: `*${fullName(a)}* assigned *${fullName(u)}* to ${link(CT.task, prng.int(100, 999), s.desc)} in project ${projectLink(p)}`,
        data: { user: prng.chance(0.5) ? u.id : `U${u.id}`, user_desc: fullName(u), task: `${p.id}-${s.id}`, task_desc: s.desc, ...projectRefs(p) },
        icon: 'users',
      };
    },
    (a) => {
      const p = prng.pick(projects);
      const s = prng.pick(STANDARDS);
      return {
        name: 'AddedNoteActivity',
        text: `*${fullName(a)}* added a note to ${link(CT.task, prng.int(100, 999), s.desc)} in project ${projectLink(p)}`,
        data: { task: `${p.id}-${s.id}`, task_desc: s.desc, note: prng.pick(['Verified in code review', 'Pen test found no issue', 'Blocked by vendor library']), ...projectRefs(p) },
        icon: 'note',
      };
    },
    (a) => {
      const p = prng.pick(projects);
      return { name: 'CreatedProjectActivity', text: `*${fullName(a)}* created project ${projectLink(p)} in application ${appLink(p.application)}`, data: projectRefs(p), icon: 'create' };
    },
    (a) => {
      const p = prng.pick(projects.filter((x) => x.deleted));
      return { name: 'DeletedProjectActivity', text: `*${fullName(a)}* deleted project *${p.name}*`, data: projectRefs(p), icon: 'delete' };
    },
    (a) => {
      const ap = prng.pick(applications);
      const refs: Record<string, unknown> = ap.deleted ? { application: null } : { application: ap.id };
      return {
        name: prng.pick(['CreatedApplicationActivity', 'ModifiedApplicationActivity']),
        text: `*${fullName(a)}* ${prng.pick(['created', 'modified'])} application ${appLink(ap)} in business unit ${link(CT.businessUnit, ap.businessUnit.id, ap.businessUnit.name)}`,
        data: { ...refs, application_desc: ap.name, business_unit: ap.businessUnit.id, business_unit_desc: ap.businessUnit.name },
        icon: 'edit',
      };
    },
    (a) => {
      const ap = applications[4];
      return { name: 'DeletedApplicationActivity', text: `*${fullName(a)}* deleted application *${ap.name}*`, data: { application_desc: ap.name, business_unit: ap.businessUnit.id, business_unit_desc: ap.businessUnit.name }, icon: 'delete' };
    },
    (a) => {
      const bu = prng.pick(businessUnits);
      return { name: 'ModifiedBusinessUnitActivity', text: `*${fullName(a)}* modified business unit ${link(CT.businessUnit, bu.id, bu.name)}`, data: { business_unit: bu.id, business_unit_desc: bu.name }, icon: 'edit' };
    },
    (a) => {
      const p = prng.pick(projects.filter((x) => !x.deleted));
      return { name: 'ChangedProjectSurveyActivity', text: `*${fullName(a)}* changed the survey of project ${projectLink(p)}`, data: projectRefs(p), icon: 'survey' };
    },
    (a) => ({ name: 'GeneratedAPIv2TokenActivity', text: `*${fullName(a)}* generated an API v2 token`, data: {}, icon: 'key' }),
    (a) => {
      const s = prng.pick(STANDARDS);
      return { name: 'ActivatedStandardActivity', text: `*${fullName(a)}* activated standard ${s.desc}`, data: { standard: s.id, standard_desc: s.desc }, icon: 'check' };
    },
    (a) => {
      const u = prng.pick(users);
      return { name: 'CreatedUserActivity', text: `*${fullName(a)}* created user *${fullName(u)}*`, data: { user: u.id, user_desc: fullName(u) }, icon: 'user' };
    },
    () => {
      const p = prng.pick(projects.filter((x) => !x.deleted));
      return { name: 'CreatedReportActivity', actor: null, text: `Scheduled report ${link(CT.report, prng.int(1, 40), 'Weekly compliance')} was generated for project ${projectLink(p)}`, data: projectRefs(p), icon: 'report' };
    },
    (a) => {
      const p = prng.pick(projects);
      const u = prng.pick(users);
      return {
        name: 'ChangedUserRoleInProjectActivity',
        text: `*${fullName(a)}* changed the role of *${fullName(u)}* to *${prng.pick(['Project Lead', 'Developer', 'Tester'])}* in project ${projectLink(p)}`,
        data: { user: `U${u.id}`, user_desc: fullName(u), ...projectRefs(p) },
        icon: 'users',
      };
    },
  ];

  const drafts: Omit<SdeActivity, 'id'>[] = [];
  const nowUs = options.nowMs * 1000;
  for (let i = 0; i < options.activities; i++) {
    // The first pass uses each template once, so every kind exists at any size.
    const template = i < templates.length ? templates[i] : prng.pick(templates);
    const actor = prng.weighted<SdeUser>(users.map((u) => [u, u.id === 1 ? 4 : u.id === 8 ? 1 : 2] as const));
    const made = template(actor);
    const recent = i < templates.length || prng.chance(0.85);
    const offsetUs = recent ? prng.int(60, 24 * 3600 - 60) * 1_000_000 + prng.int(0, 999_999) : prng.int(24 * 3600 + 60, 30 * 24 * 3600) * 1_000_000 + prng.int(0, 999_999);
    drafts.push({
      name: made.name,
      actor: made.actor === undefined ? actor.id : made.actor,
      text: made.text,
      dateUs: nowUs - offsetUs,
      data: made.data,
      icon: made.icon,
      log_level: offsetUs > 20 * 24 * 3600 * 1_000_000 ? '' : 'user',
    });
  }
  drafts.sort((a, b) => a.dateUs - b.dateUs);
  const activities = drafts.map((d, i) => ({ id: 5001 + i, ...d })).reverse();
  return { users, businessUnits, applications, projects, activities, activityNames: [...new Set(activities.map((a) => a.name))].sort() };
}

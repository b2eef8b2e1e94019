/**
 * SD Elements: from an activity to the objects it names (api-spec §3.3): a group of its project's
 * or application's activities filtered on the server (`project`, or `project_desc` for a deleted
 * one), and its text's links named by what they open.
 */
import { strict as assert } from 'assert';
import type { Activity } from '../../../../src/core/activity';
import { collectPages } from '../../../../src/core/paging';
import { SdeSource } from '../../../../src/sources/sde/source';
import { type FakeApi, startFakeApi } from '../../../fake-api/server';
import { testContext } from '../../../support/testContext';

const ID = 'sde-objects';
type Data = Record<string, unknown>;
const dataOf = (a: Activity) => (a.raw as { data: Data }).data;

describe('SD Elements: Show Activities of This Project/Application, links to the objects (fake server)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let all: Activity[];

  const source = () => new SdeSource({ id: ID, kind: 'sde', url: api.url }, testContext({ [ID]: { token: api.credentials.sde.token } }));
  const window = () => ({ fromMs: api.nowMs() - 400 * 24 * 3600_000, toMs: api.nowMs() + 1000 });
  const listCalls = () => api.requests.of('sde').filter((r) => r.path === '/api/v2/activities/');
  /** The fake's activities that `keep` accepts: what the server should answer. */
  const expectedIds = (keep: (data: Data) => boolean) => api.data.sde.activities.filter((a) => keep(a.data)).map((a) => String(a.id));

  before(async () => {
    api = await startFakeApi();
    all = await collectPages(source().groups().find((g) => g.id === 'all')!.list!(window()), { maxPages: 20 });
    assert.equal(all.length, api.data.sde.activities.length, 'the window holds every activity');
  });
  after(async () => api.close());
  beforeEach(() => api.requests.clear());

  it("a project's activities: filtered by its id on the server, every one of that project and none missing", async () => {
    const a = all.find((x) => typeof dataOf(x).project === 'number')!;
    const project = dataOf(a).project as number;
    const group = source().objectGroup(a, 'project')!;
    assert.equal(group.id, `object:project:id:${project}`);
    assert.equal(group.label, `Project: ${dataOf(a).project_desc as string}`);
    const items = await collectPages(group.list!(window()), { maxPages: 20 });
    const expected = expectedIds((d) => d.project === project);
    assert.ok(expected.length > 1 && expected.length < all.length, `a project with some of the activities (${expected.length})`);
    assert.deepEqual(items.map((i) => i.id), expected);
    assert.ok(listCalls().every((c) => c.query.project?.[0] === String(project) && c.query.project_desc === undefined));
  });

  it("a deleted project's activities: by its name (project_desc), as the API says for deleted objects", async () => {
    const a = all.find((x) => dataOf(x).project == null && typeof dataOf(x).project_desc === 'string')!;
    assert.ok(a, 'an activity of a deleted project');
    const name = dataOf(a).project_desc as string;
    const group = source().objectGroup(a, 'project')!;
    assert.equal(group.description, 'deleted');
    const items = await collectPages(group.list!(window()), { maxPages: 20 });
    assert.deepEqual(items.map((i) => i.id), expectedIds((d) => d.project_desc === name));
    assert.ok(items.length > 0);
    assert.ok(listCalls().every((c) => c.query.project_desc?.[0] === name && c.query.project === undefined));
  });

  it("an application's activities, by id; an activity naming none has no such group", async () => {
    const a = all.find((x) => typeof dataOf(x).application === 'number')!;
    const application = dataOf(a).application as number;
    const items = await collectPages(source().objectGroup(a, 'application')!.list!(window()), { maxPages: 20 });
    assert.deepEqual(items.map((i) => i.id), expectedIds((d) => d.application === application));
    const none = all.find((x) => dataOf(x).project === undefined && dataOf(x).project_desc === undefined);
    assert.ok(none, 'an activity naming no project');
    assert.equal(source().objectGroup(none, 'project'), undefined);
  });

  it('links are named by the object they open and point at the instance', () => {
    const a = all.find((x) => (x.links ?? []).some((l) => l.label.startsWith('Project: ')) && (x.links ?? []).some((l) => l.label.startsWith('Application: ')));
    assert.ok(a, 'an activity linking its project and application');
    const project = a.links!.find((l) => l.label.startsWith('Project: '))!;
    assert.equal(project.label, `Project: ${dataOf(a).project_desc as string}`);
    assert.match(project.url, new RegExp(`^${api.url}/activity-redirect/\\d+/${dataOf(a).project as number}/$`));
    const task = all.flatMap((x) => x.links ?? []).find((l) => l.label.startsWith('Task: '));
    assert.ok(task, 'a task link');
  });
});

/** SD Elements' markdown-ish activity text: plain text for the tree, links only to the instance. */
import { strict as assert } from 'assert';
import { instanceLinks, leadingName, plainText, resolveOnInstance } from '../../../../src/sources/sde/text';
import { actorName, mapSdeActivity } from '../../../../src/sources/sde/mapping';
import { sdeEndpoints } from '../../../../src/sources/sde/endpoints';
import { sdeEntry } from '../../../support/entries';
import { UserDirectory } from '../../../../src/sources/sde/users';
import { ActivityLogsError } from '../../../../src/core/errors';
import { silentLogger } from '../../../../src/core/log';
import { DOCUMENTED_SDE_ACTIVITY_NAMES } from './documented-names';

const ORIGIN = 'https://acme.sdelements.com';
const TEXT =
  '*Admin Testerton* added *Cindy Lou* to project [Project 1](/activity-redirect/32/1/ "Project 1") in application [Application 1](/activity-redirect/29/1/ "Application 1")';

describe('SD Elements text', () => {
  it('becomes plain text', () => {
    assert.equal(plainText(TEXT), 'Admin Testerton added Cindy Lou to project Project 1 in application Application 1');
    assert.equal(plainText('Admin Testerton logged in'), 'Admin Testerton logged in');
    assert.equal(plainText('*A*\n\n  marked [T21: Use *TLS*](/x/ "t") as *Done*'), 'A marked T21: Use TLS as Done');
    assert.equal(plainText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>', 'kept as text, never interpreted');
  });

  it('links resolve against the instance origin only', () => {
    assert.deepEqual(instanceLinks(TEXT, ORIGIN), [
      { label: 'Project 1', url: `${ORIGIN}/activity-redirect/32/1/` },
      { label: 'Application 1', url: `${ORIGIN}/activity-redirect/29/1/` },
    ]);
    const hostile = [
      '[a](https://evil.example/steal)',
      '[b](//evil.example/x)',
      '[c](javascript:alert(1))',
      '[d](data:text/html,hi)',
      '[e](http://acme.sdelements.com/insecure)',
      '[f](https://user:pw@acme.sdelements.com/x)',
      '[g](https://acme.sdelements.com.evil.example/x)',
      '[h](vbscript:x)',
      '[i]()',
    ].join(' ');
    assert.deepEqual(instanceLinks(hostile, ORIGIN), []);
    assert.deepEqual(instanceLinks('[same](https://acme.sdelements.com/bunits/1/) [again](/bunits/1/)', ORIGIN), [{ label: 'same', url: `${ORIGIN}/bunits/1/` }]);
    assert.equal(resolveOnInstance('../../x', ORIGIN), `${ORIGIN}/x`);
  });

  it('reads the actor as the text names them', () => {
    assert.equal(leadingName('*Admin Testerton* logged in'), 'Admin Testerton');
    assert.equal(leadingName('Scheduled report was generated'), undefined);
  });
});

describe('SD Elements mapping', () => {
  const endpoints = sdeEndpoints({ url: ORIGIN });
  const entry = sdeEntry({ text: TEXT });

  it('maps an activity', () => {
    const a = mapSdeActivity(entry, 'sde-1', endpoints, 'Admin T.');
    assert.equal(a.key, 'sde-1/activity/342');
    assert.equal(a.id, '342');
    assert.equal(a.sourceKind, 'sde');
    assert.equal(a.time, '2025-06-19T16:06:39.264688000Z');
    assert.equal(a.title, 'Admin Testerton added Cindy Lou to project Project 1 in application Application 1');
    assert.equal(a.type, 'AddedUserToProjectActivity');
    assert.equal(a.level, 'info');
    assert.equal(a.outcome, 'none');
    assert.equal(a.actor, 'Admin T.');
    assert.equal(a.webUrl, `${ORIGIN}/activity-redirect/32/1/`);
    assert.deepEqual(a.details, {
      'Business unit': 'Business Unit 1',
      Application: 'Application 1',
      Project: 'Project 1',
      User: 'Cindy Lou',
      'Actor id': '1',
      Icon: 'personAdd',
      'Log level': 'user',
    });
  });

  it('falls back to the text, then the id, for the actor; none for system activities', () => {
    assert.equal(actorName(entry, undefined), 'Admin Testerton');
    assert.equal(actorName({ ...entry, text: 'plain' }, undefined), 'User 1');
    assert.equal(actorName({ ...entry, actor: null }, 'x'), undefined);
  });

  it('no documented activity name is a failure: they log changes, not runs', () => {
    assert.ok(DOCUMENTED_SDE_ACTIVITY_NAMES.length > 70);
    const failures = DOCUMENTED_SDE_ACTIVITY_NAMES.filter((name) => mapSdeActivity({ ...entry, name }, 'sde-1', endpoints).outcome !== 'none');
    assert.deepEqual(failures, []);
    for (const name of ['ImportExportActivity', 'DeletedProjectActivity', 'LockedProjectActivity', 'DeactivatedUserActivity']) {
      assert.equal(mapSdeActivity({ ...entry, name }, 'sde-1', endpoints).level, 'info', name);
    }
  });

  it('a name that says it failed or erred (none is documented) is a failure', () => {
    for (const name of ['ImportFailedActivity', 'ReportGenerationErrorActivity']) {
      const a = mapSdeActivity({ ...entry, name }, 'sde-1', endpoints);
      assert.equal(a.outcome, 'failure', name);
      assert.equal(a.level, 'error');
    }
  });

  it('instance URLs: path kept, API suffix dropped', () => {
    assert.equal(sdeEndpoints({ url: 'https://acme.sdelements.com/' }).api, 'https://acme.sdelements.com/api/v2/');
    assert.equal(sdeEndpoints({ url: 'https://acme.sdelements.com/api/v2/' }).api, 'https://acme.sdelements.com/api/v2/');
    assert.equal(sdeEndpoints({ url: 'https://host.example/sde' }).api, 'https://host.example/sde/api/v2/');
  });
});

describe('SD Elements user directory', () => {
  it('asks each id once, at most four at a time, and remembers 403/404 but not other failures', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: number[] = [];
    let flaky = true;
    const client = {
      user: async (id: number) => {
        asked.push(id);
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (id === 7) throw new ActivityLogsError('permission', 'no');
        if (id === 8) throw new ActivityLogsError('notFound', 'gone');
        if (id === 9 && flaky) {
          flaky = false;
          throw new ActivityLogsError('network', 'reset');
        }
        return { id, first_name: 'User', last_name: String(id), email: null };
      },
    };
    const users = new UserDirectory(client, silentLogger);
    const names = await users.resolve([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3]);
    assert.equal(most, 4);
    assert.deepEqual(asked.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(names.get(1), 'User 1');
    assert.equal(names.get(7), undefined);
    assert.equal(names.get(8), undefined);
    assert.equal(names.get(9), undefined);
    asked.length = 0;
    const again = await users.resolve([1, 7, 8, 9]);
    assert.deepEqual(asked, [9], 'only the one that failed for another reason is asked again');
    assert.equal(again.get(9), 'User 9');
  });
});

import { strict as assert } from 'assert';
import { ChangeGate, related, ROOT_ID } from '../../../../src/ui/tree/changeGate';

interface Node {
  id: string;
}

/**
 * A gate whose timers are run by hand, so each test states exactly which turns of the event loop
 * have passed. `emitted` is what reached VS Code's `onDidChangeTreeData`.
 */
function harness(maxWaitMs = 60_000) {
  const emitted: Array<string | undefined> = [];
  let timers: Array<{ fn: () => void; ms: number }> = [];
  const gate = new ChangeGate<Node>(
    (n) => n.id,
    (n) => emitted.push(n?.id),
    { later: (fn, ms) => void timers.push({ fn, ms }), maxWaitMs },
  );
  /** Runs the zero-delay timers due now (one turn of the event loop). */
  const turn = () => {
    const due = timers.filter((t) => t.ms === 0);
    timers = timers.filter((t) => t.ms !== 0);
    for (const t of due) t.fn();
  };
  const elapse = () => {
    const due = timers.filter((t) => t.ms > 0);
    timers = timers.filter((t) => t.ms === 0);
    for (const t of due) t.fn();
  };
  return { gate, emitted, turn, elapse };
}

/** An answer to getChildren that the test resolves when it likes. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('tree change gate (why rows lost their commands)', () => {
  it('relates a node to itself, to the nodes above it and to the nodes below it, by id path', () => {
    assert.ok(related('acme/runs', 'acme/runs'));
    assert.ok(related('acme', 'acme/runs/a/acme/activity/1'));
    assert.ok(related('acme/runs/a/x', 'acme/runs'));
    assert.ok(related(ROOT_ID, 'acme/runs'));
    assert.ok(!related('acme/runs', 'acme/runs-2'), 'a sibling whose id merely starts the same is not related');
    assert.ok(!related('acme/runs', 'acme/steps'));
    assert.ok(!related('acme', 'acme-prod'));
  });

  it('fires at once when no children request is open or unwritten', () => {
    const { gate, emitted } = harness();
    gate.fire({ id: 'acme/runs' });
    gate.fire(undefined);
    assert.deepEqual(emitted, ['acme/runs', undefined]);
  });

  it('holds a group’s change fired while its own children are being answered until two timer turns after the answer', async () => {
    const { gate, emitted, turn } = harness();
    const group = { id: 'acme/runs' };
    const page = deferred<string[]>();
    const answer = gate.children(group, () => page.promise);
    // The first page is in: the provider asks to redraw the group (its count) before returning.
    gate.fire(group);
    page.resolve(['a1', 'a2']);
    assert.deepEqual(await answer, ['a1', 'a2']);
    assert.deepEqual(emitted, [], 'not in the same turn as the answer: both would leave in one message');
    turn(); // the extension host writes the answer on this turn
    assert.deepEqual(emitted, []);
    turn();
    assert.deepEqual(emitted, ['acme/runs'], 'sent once the answer has been written');
  });

  it('waits for every parent of a batch: the extension host answers them together, after the last', async () => {
    const { gate, emitted, turn } = harness();
    const runs = { id: 'acme/runs' };
    const steps = { id: 'acme/steps' };
    const slowPage = deferred<string[]>();
    await gate.children(runs, async () => ['r1']);
    gate.fire(runs); // runs is answered, but its answer waits for steps
    const stepsAnswer = gate.children(steps, () => slowPage.promise);
    turn();
    turn();
    turn();
    assert.deepEqual(emitted, [], 'held while a request of the same batch is open');
    slowPage.resolve(['s1']);
    await stepsAnswer;
    turn();
    turn();
    assert.deepEqual(emitted, ['acme/runs']);
  });

  it('coalesces repeated changes of a node and lets the whole tree cover every node', async () => {
    const { gate, emitted, turn } = harness();
    const runs = { id: 'acme/runs' };
    const done = deferred<string[]>();
    const answer = gate.children(runs, () => done.promise);
    gate.fire(runs);
    gate.fire(runs);
    gate.fire({ id: 'acme/runs/a/acme/1' });
    done.resolve([]);
    await answer;
    turn();
    turn();
    assert.deepEqual(emitted, ['acme/runs', 'acme/runs/a/acme/1']);

    const again = deferred<string[]>();
    const second = gate.children(runs, () => again.promise);
    gate.fire(runs);
    gate.fire(undefined);
    gate.fire(runs);
    again.resolve([]);
    await second;
    turn();
    turn();
    assert.deepEqual(emitted.slice(2), [undefined], 'a refresh of everything replaces the waiting ones');
  });

  it('lets a change of an unrelated node through while another group loads', async () => {
    const { gate, emitted } = harness();
    const loading = deferred<string[]>();
    const answer = gate.children({ id: 'slack/all' }, () => loading.promise);
    gate.fire({ id: 'acme/runs' });
    gate.fire({ id: 'slack/all/a/slack/9' });
    assert.deepEqual(emitted, ['acme/runs'], 'another source’s group is not held, an entry of the loading group is');
    loading.resolve([]);
    await answer;
  });

  it('starts the wait again when an answer comes after the first turn', async () => {
    const { gate, emitted, turn } = harness();
    await gate.children({ id: 'acme/runs' }, async () => []);
    gate.fire({ id: 'acme/runs' });
    turn(); // first turn of the wait
    await gate.children({ id: 'acme/steps' }, async () => []); // answered between the two turns
    turn(); // second turn: the new answer has not been written yet
    await flush();
    assert.deepEqual(emitted, []);
    turn();
    turn();
    assert.deepEqual(emitted, ['acme/runs']);
  });

  it('never holds a change longer than its maximum wait, even if a request hangs', async () => {
    const { gate, emitted, elapse } = harness(1000);
    void gate.children({ id: 'acme/runs' }, () => new Promise<string[]>(() => {}));
    gate.fire({ id: 'acme/runs' });
    assert.deepEqual(emitted, []);
    elapse();
    assert.deepEqual(emitted, ['acme/runs']);
  });

  it('closes a request whose answer failed, so it does not hold changes for ever', async () => {
    const { gate, emitted, turn } = harness();
    await assert.rejects(gate.children({ id: 'acme/runs' }, async () => Promise.reject(new Error('boom'))));
    gate.fire({ id: 'acme/runs' });
    turn();
    turn();
    assert.deepEqual(emitted, ['acme/runs']);
  });
});

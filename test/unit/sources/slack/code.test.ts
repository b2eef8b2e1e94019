/** Reading a Slack app project's code: stack frames in errors, and the functions and workflows it defines. */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { generateSlackData } from '../../../fake-api/data/slack-data';
import { parseLocalAppsFile } from '../../../../src/sources/slack/cliProject';
import { definitionsInManifestJson, definitionsInSource, definitionsNamed } from '../../../../src/sources/slack/appDefinitions';
import { parseStackFrames, workspaceCandidates } from '../../../../src/sources/slack/stackFrames';
import { REPO_ROOT } from '../../../support/paths';

// Shaped like the files of Slack's deno-starter-template (functions/sample_function.ts, workflows/sample_workflow.ts).
const SAMPLE_FUNCTION = `import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

/**
 * DefineFunction({ callback_id: "commented_out" }) in a comment is not a definition of it.
 */
export const SampleFunctionDefinition = DefineFunction({
  callback_id: "sample_function",
  title: "Sample function",
  description: "A sample function",
  source_file: "functions/sample_function.ts",
  input_parameters: {
    properties: {
      message: { type: Schema.types.string, description: "Message to be posted", title: "nested title" },
      user: { type: Schema.slack.types.user_id, description: "The user invoking the workflow" },
    },
    required: ["message", "user"],
  },
});

export default SlackFunction(SampleFunctionDefinition, async ({ inputs }) => {
  const updatedMsg = \`:wave: <@\${inputs.user}> submitted: \${inputs.message}\`;
  return { outputs: { updatedMsg } };
});
`;

const SAMPLE_WORKFLOW = `import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
const SampleWorkflow = DefineWorkflow(
  {
    'callback_id': 'sample_workflow',
    "title": "Sample workflow",
    description: \`A sample workflow\`,
    input_parameters: { properties: { channel: { type: Schema.slack.types.channel_id } }, required: ["channel"] },
  },
);
export default SampleWorkflow;
`;

describe('Slack app code', () => {
  describe('stack frames', () => {
    const error = [
      "TypeError: Cannot read properties of undefined (reading 'text')",
      '    at format (file:///functions/format_kudos.ts:48:34)',
      '    at reverse (functions/reverse.ts:12:9)',
      '    at async Object.run (https://deno.land/x/deno_slack_sdk@2.14.2/functions/enrich-context.ts:31:12)',
      '    at file:///Users/ana/kudos/functions/save_kudos.ts:7:3',
      '    at async DispatchPayload (file:///local-run-function.ts:19:7)',
    ].join('\n');

    it('finds each frame with its path, line and column, and where it is in the text', () => {
      const frames = parseStackFrames(error);
      assert.strictEqual(frames.length, 5);
      assert.deepStrictEqual(
        frames.map((f) => [f.functionName, f.projectPath, f.line, f.column]),
        [
          ['format', '/functions/format_kudos.ts', 48, 34],
          ['reverse', 'functions/reverse.ts', 12, 9],
          ['async Object.run', undefined, 31, 12],
          [undefined, '/Users/ana/kudos/functions/save_kudos.ts', 7, 3],
          ['async DispatchPayload', '/local-run-function.ts', 19, 7],
        ],
      );
      for (const f of frames) assert.match(error.slice(f.start, f.end), /:\d+:\d+$/);
      assert.strictEqual(error.slice(frames[0].start, frames[0].end), 'file:///functions/format_kudos.ts:48:34');
    });

    it('does not take a message line or a remote frame for a project frame', () => {
      assert.deepStrictEqual(parseStackFrames('Error: failed at step 2 (see logs)\nat noon'), []);
      const [remote] = parseStackFrames('  at https://esm.sh/lib@1/x.js:1:2');
      assert.strictEqual(remote.projectPath, undefined);
      assert.strictEqual(parseStackFrames('  at f (file:///../../etc/passwd:1:1)')[0].projectPath, undefined);
    });

    it('tries a path under the workspace folder as is, and /functions/… relative to the project root', () => {
      assert.deepStrictEqual(workspaceCandidates('/functions/reverse.ts', '/home/me/app'), ['/home/me/app/functions/reverse.ts']);
      assert.deepStrictEqual(workspaceCandidates('/home/me/app/functions/x.ts', '/home/me/app/'), ['/home/me/app/functions/x.ts', '/home/me/app/home/me/app/functions/x.ts']);
    });
  });

  describe('definitions', () => {
    it('reads a DefineFunction call: callback id, title, source file and where it starts', () => {
      const defs = definitionsInSource(SAMPLE_FUNCTION, 'functions/sample_function.ts');
      assert.strictEqual(defs.length, 1);
      assert.deepStrictEqual(defs[0], {
        kind: 'function',
        callbackId: 'sample_function',
        title: 'Sample function',
        sourceFile: 'functions/sample_function.ts',
        file: 'functions/sample_function.ts',
        line: 5,
        character: 40,
      });
    });

    it('reads a DefineWorkflow call with quoted keys and a template string', () => {
      const defs = definitionsInSource(SAMPLE_WORKFLOW, 'workflows/sample_workflow.ts');
      assert.strictEqual(defs.length, 1);
      assert.strictEqual(defs[0].kind, 'workflow');
      assert.strictEqual(defs[0].callbackId, 'sample_workflow');
      assert.strictEqual(defs[0].title, 'Sample workflow');
      assert.strictEqual(defs[0].line, 1);
    });

    it('reads manifest.json functions and workflows by callback id', () => {
      const text = JSON.stringify(
        { display_information: { name: 'Kudos' }, functions: { format_kudos: { title: 'Format kudos', source_file: 'functions/format_kudos.ts' } }, workflows: { give_kudos: { title: 'Give kudos', steps: [] } } },
        null,
        2,
      );
      const defs = definitionsInManifestJson(text, 'manifest.json');
      assert.deepStrictEqual(
        defs.map((d) => [d.kind, d.callbackId, d.title, d.sourceFile, d.line]),
        [
          ['function', 'format_kudos', 'Format kudos', 'functions/format_kudos.ts', 5],
          ['workflow', 'give_kudos', 'Give kudos', undefined, 11],
        ],
      );
      assert.deepStrictEqual(definitionsInManifestJson('{not json', 'manifest.json'), []);
      assert.deepStrictEqual(definitionsInManifestJson('[1]', 'manifest.json'), []);
    });

    it('finds what a log entry names, by callback id or by title, only of the kind asked', () => {
      const defs = [...definitionsInSource(SAMPLE_FUNCTION, 'f.ts'), ...definitionsInSource(SAMPLE_WORKFLOW, 'w.ts')];
      assert.deepStrictEqual(definitionsNamed(defs, 'function', 'Sample function').map((d) => d.callbackId), ['sample_function']);
      assert.deepStrictEqual(definitionsNamed(defs, 'function', 'sample_function').map((d) => d.callbackId), ['sample_function']);
      assert.deepStrictEqual(definitionsNamed(defs, 'workflow', 'Sample Workflow').map((d) => d.callbackId), ['sample_workflow']);
      assert.deepStrictEqual(definitionsNamed(defs, 'workflow', 'sample_function'), []);
      assert.deepStrictEqual(definitionsNamed(defs, 'function', '  '), []);
    });

    it('does not scan what is not an app definition, and survives unclosed text', () => {
      assert.deepStrictEqual(definitionsInSource('export const x = 1;', 'x.ts'), []);
      assert.deepStrictEqual(definitionsInSource('DefineFunction({ callback_id: "half", title: "unterminated', 'x.ts').map((d) => d.callbackId), ['half']);
      assert.deepStrictEqual(definitionsInSource('DefineFunction({ title: "no id" })', 'x.ts'), []);
    });
  });

  describe('the demo project (demo/kudos-app)', () => {
    const project = path.join(REPO_ROOT, 'demo', 'kudos-app');
    const read = (file: string) => fs.readFile(path.join(project, file), 'utf8');

    it('is the fake Kudos Bot: same app id, and its functions and workflow are the ones the fake app logs', async () => {
      const apps = parseLocalAppsFile(await read('.slack/apps.dev.json'));
      assert.deepStrictEqual(apps.map((a) => [a.appId, a.teamId]), [['A0FAKEAPP1', 'T0FAKETEAM']]);
      const files = ['manifest.ts', 'functions/format_kudos.ts', 'functions/save_kudos.ts', 'workflows/give_kudos.ts'];
      const defs = (await Promise.all(files.map(async (f) => definitionsInSource(await read(f), f)))).flat();
      assert.deepStrictEqual(defs.map((d) => `${d.kind} ${d.callbackId}`).sort(), ['function format_kudos', 'function save_kudos', 'workflow give_kudos']);
      const data = generateSlackData({ seed: 1, nowMs: Date.now(), activities: 2000 });
      const kudos = data.apps.find((a) => a.appId === 'A0FAKEAPP1');
      assert.ok(kudos);
      for (const name of ['format_kudos', 'save_kudos']) assert.ok(kudos.functions.some((f) => definitionsNamed(defs, 'function', f.name).length && f.name === name), name);
      assert.strictEqual(definitionsNamed(defs, 'workflow', kudos.workflows[0].name).length, 1);
    });

    it('has the line and column that the fake errors of its functions point at', async () => {
      const data = generateSlackData({ seed: 1, nowMs: Date.now(), activities: 4000 });
      const frames = data.activities
        .flatMap((a) => (typeof a.payload.error === 'string' ? parseStackFrames(a.payload.error) : []))
        .filter((f) => /format_kudos|save_kudos/.test(f.location));
      assert.ok(frames.length > 0, 'the fake app logs errors of the demo functions');
      for (const f of frames) {
        const lines = (await read(f.projectPath!.replace(/^\//, ''))).split('\n');
        assert.ok(f.line <= lines.length && (f.column ?? 1) <= lines[f.line - 1].length, `${f.location}:${f.line}:${f.column}`);
      }
    });
  });
});

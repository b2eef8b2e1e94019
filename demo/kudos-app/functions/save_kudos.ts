import { DefineDatastore, DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const KudosDatastore = DefineDatastore({
  name: "kudos",
  primary_key: "id",
  attributes: { id: { type: Schema.types.string }, user: { type: Schema.slack.types.user_id }, message: { type: Schema.types.string } },
});

export const SaveKudosFunction = DefineFunction({
  callback_id: "save_kudos",
  title: "Save kudos",
  description: "Keeps the kudos for the weekly digest",
  source_file: "functions/save_kudos.ts",
  input_parameters: {
    properties: { user: { type: Schema.slack.types.user_id }, message: { type: Schema.types.string } },
    required: ["user", "message"],
  },
});

export default SlackFunction(SaveKudosFunction, async ({ inputs, client }) => {
  const saved = await client.apps.datastore.put({
    datastore: "kudos",
    item: { id: crypto.randomUUID(), user: inputs.user, message: inputs.message },
  });
  if (!saved.ok) throw new Error(saved.error);
  return { outputs: {} };
});

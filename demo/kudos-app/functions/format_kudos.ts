import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const FormatKudosFunction = DefineFunction({
  callback_id: "format_kudos",
  title: "Format kudos",
  description: "Turns the form's answers into the kudos message",
  source_file: "functions/format_kudos.ts",
  input_parameters: {
    properties: {
      doer_of_good_deeds: { type: Schema.slack.types.user_id },
      kudo_message: { type: Schema.types.string },
      kudo_vibe: { type: Schema.types.string },
    },
    required: ["doer_of_good_deeds", "kudo_message"],
  },
  output_parameters: {
    properties: { message: { type: Schema.types.string } },
    required: ["message"],
  },
});

export default SlackFunction(FormatKudosFunction, ({ inputs }) => {
  const vibe = inputs.kudo_vibe ?? "Appreciation for someone 🫂";
  const message = `:tada: <@${inputs.doer_of_good_deeds}> — ${inputs.kudo_message.trim()} (${vibe})`;
  return { outputs: { message } };
});

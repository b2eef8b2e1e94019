import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { FormatKudosFunction } from "../functions/format_kudos.ts";
import { SaveKudosFunction } from "../functions/save_kudos.ts";

const GiveKudosWorkflow = DefineWorkflow({
  callback_id: "give_kudos",
  title: "Give kudos",
  description: "Thank a teammate in a channel",
  input_parameters: {
    properties: { interactivity: { type: Schema.slack.types.interactivity }, channel: { type: Schema.slack.types.channel_id } },
    required: ["interactivity"],
  },
});

const form = GiveKudosWorkflow.addStep(Schema.slack.functions.OpenForm, {
  title: "Give someone kudos",
  interactivity: GiveKudosWorkflow.inputs.interactivity,
  fields: {
    elements: [
      { name: "doer_of_good_deeds", title: "Whose deeds are deemed worthy of a kudo?", type: Schema.slack.types.user_id },
      { name: "kudo_message", title: "What would you like to say?", type: Schema.types.string, long: true },
    ],
    required: ["doer_of_good_deeds", "kudo_message"],
  },
});

const formatted = GiveKudosWorkflow.addStep(FormatKudosFunction, {
  doer_of_good_deeds: form.outputs.fields.doer_of_good_deeds,
  kudo_message: form.outputs.fields.kudo_message,
});

GiveKudosWorkflow.addStep(SaveKudosFunction, {
  user: form.outputs.fields.doer_of_good_deeds,
  message: formatted.outputs.message,
});

GiveKudosWorkflow.addStep(Schema.slack.functions.SendMessage, {
  channel_id: GiveKudosWorkflow.inputs.channel,
  message: formatted.outputs.message,
});

export default GiveKudosWorkflow;

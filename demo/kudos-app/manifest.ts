import { Manifest } from "deno-slack-sdk/mod.ts";
import { FormatKudosFunction } from "./functions/format_kudos.ts";
import { SaveKudosFunction } from "./functions/save_kudos.ts";
import { KudosDatastore } from "./functions/save_kudos.ts";
import GiveKudosWorkflow from "./workflows/give_kudos.ts";

/**
 * Kudos Bot: the Slack app of the Activity Logs demo. Its ids match the fake Slack app
 * A0FAKEAPP1 of team T0FAKETEAM (see .slack/apps.dev.json), so that the extension's code links
 * (stack frames, Go to Source, the CodeLens above each definition) work in `npm run demo`.
 */
export default Manifest({
  name: "Kudos Bot",
  description: "Thank a teammate in a channel",
  icon: "assets/icon.png",
  workflows: [GiveKudosWorkflow],
  functions: [FormatKudosFunction, SaveKudosFunction],
  datastores: [KudosDatastore],
  botScopes: ["commands", "chat:write", "chat:write.public", "datastore:read", "datastore:write"],
});

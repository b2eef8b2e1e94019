/** Builds the source of a configured connection. */
import type { SourceConfig } from '../core/config';
import type { ActivitySource, SourceContext } from '../core/source';
import { sdeEndpoints } from './sde/endpoints';
import { SdeSource } from './sde/source';
import { slackEndpoints } from './slack/endpoints';
import { SlackSource } from './slack/source';
import { torqCredentialOrigins, torqEndpoints } from './torq/endpoints';
import { TorqSource } from './torq/source';

export { SdeSource, SlackSource, TorqSource };

/** The origins a source sends its credentials to: what they are bound to when entered. */
export function credentialOrigins(config: SourceConfig): string[] {
  switch (config.kind) {
    case 'torq':
      return torqCredentialOrigins(torqEndpoints(config));
    case 'slack':
      return [new URL(slackEndpoints(config).api).origin];
    case 'sde':
      return [sdeEndpoints(config).origin];
  }
}

export function createSource(config: SourceConfig, ctx: SourceContext): ActivitySource {
  switch (config.kind) {
    case 'torq':
      return new TorqSource(config, ctx);
    case 'slack':
      return new SlackSource(config, ctx);
    case 'sde':
      return new SdeSource(config, ctx);
  }
}

/** Builds the source of a configured connection. */
import type { SourceConfig } from '../core/config';
import type { ActivitySource, SourceContext } from '../core/source';
import { SdeSource } from './sde/source';
import { SlackSource } from './slack/source';
import { TorqSource } from './torq/source';

export { SdeSource, SlackSource, TorqSource };

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

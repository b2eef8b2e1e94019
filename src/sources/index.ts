/** Builds the source of a configured connection. */
import type { SourceConfig } from '../core/config';
import type { ActivitySource, SourceContext } from '../core/source';
import { TorqSource } from './torq/source';

export function createSource(config: SourceConfig, ctx: SourceContext): ActivitySource {
  switch (config.kind) {
    case 'torq':
      return new TorqSource(config, ctx);
    case 'slack':
    case 'sde':
      throw new Error(`${config.kind} sources are not available in this build`);
  }
}

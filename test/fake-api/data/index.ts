/** The whole fake data set, generated from the data options. */
import type { ResolvedOptions } from '../options';
import { generateSdeData, type SdeData } from './sde-data';
import { generateSlackData, type SlackData } from './slack-data';
import { generateTorqData, type TorqData } from './torq-data';

export interface FakeData {
  /** The anchor the data was generated around (epoch ms). */
  nowMs: number;
  seed: number;
  torq: TorqData;
  slack: SlackData;
  sde: SdeData;
}

export function generateData(options: ResolvedOptions): FakeData {
  const { seed, nowMs } = options;
  return {
    nowMs,
    seed,
    torq: generateTorqData({
      seed,
      nowMs,
      activities: Math.floor(options.torqActivities),
      workflows: options.torqWorkflows,
      audit: Math.floor(options.torqAuditLogs),
      bigBodyBytes: options.torqBigBodyBytes,
      bigBodyRuns: Math.floor(options.torqBigBodyRuns),
    }),
    slack: generateSlackData({ seed, nowMs, activities: Math.floor(options.slackActivities) }),
    sde: generateSdeData({ seed, nowMs, activities: Math.floor(options.sdeActivities) }),
  };
}

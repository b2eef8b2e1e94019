/**
 * The ids the activation shell (src/extension.ts) registers before the services load: kept in
 * this small module so that the shell does not pull the rest of the extension into its bundle.
 */

export const TREE_VIEW_ID = 'activityLogs.sources';
export const PAYLOAD_VIEW_TYPE = 'activityLogs.payload';
/** The scheme of "Open as JSON document" documents. */
export const PAYLOAD_SCHEME = 'activity-logs-payload';

/**
 * Every command the extension contributes. The activation shell (src/extension.ts) registers
 * these ids at once and loads the services on the first invocation; a unit test keeps this list
 * equal to package.json and to what the services register.
 */
export const COMMAND_IDS = [
  'activityLogs.addSource',
  'activityLogs.addTorqWorkspace',
  'activityLogs.editSource',
  'activityLogs.removeSource',
  'activityLogs.setCredentials',
  'activityLogs.forgetCredentials',
  'activityLogs.testConnection',
  'activityLogs.refresh',
  'activityLogs.retry',
  'activityLogs.loadMore',
  'activityLogs.setTimeWindow',
  'activityLogs.openPayload',
  'activityLogs.openAsJson',
  'activityLogs.showUnreadable',
  'activityLogs.openInWebUi',
  'activityLogs.copyId',
  'activityLogs.showLog',
  'activityLogs.search',
  'activityLogs.unpinSearch',
  'activityLogs.nextFailure',
  'activityLogs.previousFailure',
  'activityLogs.newestFailure',
  'activityLogs.goToParent',
  'activityLogs.showTrace',
  'activityLogs.startTail',
  'activityLogs.stopTail',
  'activityLogs.exportGroup',
  'activityLogs.exportSearch',
] as const;

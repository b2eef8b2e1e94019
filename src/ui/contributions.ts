/**
 * The ids the activation shell (src/extension.ts) registers before the services load: kept in
 * this small module so that the shell does not pull the rest of the extension into its bundle.
 */

export const TREE_VIEW_ID = 'activityLogs.sources';
export const TIMELINE_VIEW_ID = 'activityLogs.timeline';
export const PAYLOAD_VIEW_TYPE = 'activityLogs.payload';
/** The scheme of "Open as JSON document" documents. */
export const PAYLOAD_SCHEME = 'activity-logs-payload';

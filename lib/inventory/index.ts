// Polling, scheduling, snapshot and history storage, and source health.
export { pollSource, type PollOptions, type PollStatus, type PollSummary } from "./poll";
export { pollNow, type PollNowResult } from "./poll-now";
export { startScheduler, type Scheduler, type SchedulerOptions } from "./scheduler";
export { pruneHistory, CHANGE_EVENT_RETENTION_DAYS, POLL_RETENTION_DAYS, type PruneOptions } from "./retention";
export { breakerDelayMs, BREAKER_CAP_MS } from "./health";
export { defaultInstanceId } from "./instance";

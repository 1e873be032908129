// Queues (issue 6): queue groups, pause reasons, music-on-hold classes, the agent's own queue
// status and the live state of queues. Shared by the API, callflow and the console.

export const QUEUE_STRATEGY_IDS = [
  'ring_all',
  'round_robin',
  'least_recent',
  'fewest_calls',
  'random',
  'linear',
] as const;
export type QueueStrategyId = (typeof QUEUE_STRATEGY_IDS)[number];

/** A member line of a queue: one user or a whole user group; lower penalty rings first. */
export interface QueueMemberRef {
  kind: 'user' | 'group';
  id: number;
  penalty: number;
}

/** GET /api/queues, GET /api/queues/:id. */
export interface QueueView {
  id: number;
  name: string;
  strategy: QueueStrategyId;
  /** Seconds one offer rings an agent. */
  ringTimeoutS: number;
  /** Seconds after a queue call before the agent is offered another. */
  wrapupS: number;
  /** Longest wait before the overflow branch (null: no limit). */
  maxWaitS: number | null;
  /** Callers waiting at most; more take the overflow branch at once (null: no limit). */
  maxCallers: number | null;
  /** Music for waiting callers (null: the built-in music). */
  mohClassId: number | null;
  announcePosition: boolean;
  /** Repeat the position announcement every so many seconds (null: once, on entering). */
  announceEveryS: number | null;
  /** Key a waiting caller presses to leave by the flow's exit branch, e.g. to leave a message. */
  exitKey: string | null;
  record: boolean;
  /** Callers hear that the call is recorded. */
  recordNotice: boolean;
  /** Member lines in order (the linear strategy rings in this order). */
  members: (QueueMemberRef & { name: string })[];
  /** Users the member lines stand for (groups expanded), each once. */
  agentCount: number;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/queues; PATCH takes any subset (members replaced as a whole). */
export interface QueueRequest {
  name: string;
  strategy?: QueueStrategyId;
  ringTimeoutS?: number;
  wrapupS?: number;
  maxWaitS?: number | null;
  maxCallers?: number | null;
  mohClassId?: number | null;
  announcePosition?: boolean;
  announceEveryS?: number | null;
  exitKey?: string | null;
  record?: boolean;
  recordNotice?: boolean;
  members?: QueueMemberRef[];
}

export const QUEUE_LIMITS = {
  name: 64,
  ringTimeoutS: { min: 5, max: 300 },
  wrapupS: { min: 0, max: 3600 },
  maxWaitS: { min: 10, max: 86_400 },
  maxCallers: { min: 1, max: 1000 },
  announceEveryS: { min: 15, max: 3600 },
  penalty: { min: 0, max: 9 },
  members: 500,
} as const;

/** GET/POST /api/pause-reasons; DELETE /api/pause-reasons/:id. */
export interface PauseReasonView {
  id: number;
  name: string;
}

/** GET/POST /api/moh-classes: music classes made of the tenant's prompts, played in turn. */
export interface MohClassView {
  id: number;
  name: string;
  promptIds: number[];
}

export type AgentActivity = 'offline' | 'available' | 'ringing' | 'busy' | 'wrapup' | 'paused';

/** GET /api/me/queue-status: the agent's own state. */
export interface QueueStatusView {
  /** Queues the agent is a member of, and whether logged in to each. */
  queues: { id: number; name: string; loggedIn: boolean }[];
  paused: boolean;
  pauseReasonId: number | null;
  /** Since when the pause (or the last change) holds. */
  changedAt: string | null;
  /** Wrap-up ends at (null: not wrapping up). */
  wrapupUntil: string | null;
}

/** PUT /api/me/queue-status: any subset. */
export interface QueueStatusRequest {
  /** Queue ids to be logged in to (others of the agent's queues are logged out). */
  loggedIn?: number[];
  paused?: boolean;
  /** Required when pausing if the tenant has reasons; one of GET /api/pause-reasons. */
  pauseReasonId?: number | null;
}

export const QUEUE_CALLBACK_STATUSES = ['pending', 'calling', 'done', 'failed', 'cancelled'] as const;
export type QueueCallbackStatus = (typeof QUEUE_CALLBACK_STATUSES)[number];

/** A callback attempt gives up after this many tries, which are this far apart. */
export const QUEUE_CALLBACK_RULES = { maxAttempts: 3, retryAfterS: 120 } as const;

/** GET /api/queue-callbacks: callers who asked to be called back (flow node `callback`). */
export interface QueueCallbackView {
  id: number;
  queueId: number;
  queueName: string;
  /** The number an agent's callback dials (national form). */
  number: string;
  hotlineNumber: string | null;
  /** The caller's place in line: when they entered the queue. */
  requestedAt: string;
  status: QueueCallbackStatus;
  attempts: number;
  /** A retry after a failed attempt waits until then (null: as soon as an agent is free). */
  nextAttemptAt: string | null;
  /** How the last attempt ended: `connected`, `busy`, `no_answer`, `unavailable`, `agent_left`. */
  lastResult: string | null;
  agentUserId: number | null;
  agentName: string | null;
  doneAt: string | null;
}

/** GET/PUT /api/queue-settings: the tenant's settings for all its queues. */
export interface QueueTenantSettingsView {
  /** Record every queue conversation (a queue's own `record` switch adds to this). */
  recordAll: boolean;
  /** Language of what waiting callers hear from the system (position, wait, callback). */
  language: 'vi' | 'en';
}

/** GET /api/queues/live (supervisors) and the `queue.state` socket.io event. */
export interface QueueLiveView {
  queueId: number;
  name: string;
  /** Callers on the line and callbacks (`callback: true`: the caller hung up and keeps their place). */
  waiting: {
    channelId: string;
    callerNumber: string;
    priority: number;
    enteredAt: string;
    callback?: boolean;
  }[];
  /** Seconds the longest-waiting caller has waited (0: none waiting). */
  longestWaitS: number;
  agents: { userId: number; name: string; extension: string | null; activity: AgentActivity }[];
}

/** callflow → api on `/events`: a queue's live state (relayed to the tenant's supervisors and admins
 *  as the socket.io event `queue.state`, and cached by the api for GET /api/queues/live). */
export interface QueueStateEvent {
  type: 'queue.state';
  tenantId: number;
  payload: QueueLiveView;
}

/** callflow → api on `/events`: one agent's activity changed (relayed to that user only as the
 *  socket.io event `agent.state`, for the console's queue panel). */
export interface AgentStateEvent {
  type: 'agent.state';
  tenantId: number;
  userId: number;
  payload: {
    activity: AgentActivity;
    paused: boolean;
    pauseReasonId: number | null;
    wrapupUntil: string | null;
  };
}

/** api → callflow on the same `/events` socket: reload what changed in the database. */
export type CallflowCommand =
  | { type: 'agents.changed'; tenantId: number; userIds: number[] }
  | { type: 'queues.changed'; tenantId: number; queueIds: number[] }
  /** A hotline, trunk or published flow changed: incoming calls look their route up afresh.
   *  `tenantId` null: an operator's change (a trunk) that may concern several tenants. */
  | { type: 'routes.changed'; tenantId: number | null };

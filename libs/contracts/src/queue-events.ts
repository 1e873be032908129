import type {
  AgentActivity,
  AgentStateEvent,
  CallflowCommand,
  QueueLiveView,
  QueueStateEvent,
} from './queues.js';
import { parseCallEvent, type CallEvent } from './realtime.js';

/** Everything callflow sends on its `/events` stream: call events and queue/agent state. */
export type CallflowStreamEvent = CallEvent | QueueStateEvent | AgentStateEvent;

export const AGENT_ACTIVITIES: readonly AgentActivity[] = [
  'offline',
  'available',
  'ringing',
  'busy',
  'wrapup',
  'paused',
];

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** Fields of a value not yet checked (named, so that every access is a declared property). */
type Unchecked<K extends string> = Partial<Record<K, unknown>>;
const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
const isActivity = (v: unknown): v is AgentActivity => AGENT_ACTIVITIES.includes(v as AgentActivity);
const isIsoOrNull = (v: unknown) => v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));

function isLiveView(value: unknown): value is QueueLiveView {
  if (!isObject(value)) return false;
  const p = value as Unchecked<keyof QueueLiveView>;
  if (!isId(p.queueId) || typeof p.name !== 'string' || !isCount(p.longestWaitS)) return false;
  if (!Array.isArray(p.waiting) || !Array.isArray(p.agents)) return false;
  const waitingOk = p.waiting.every(
    (w: Unchecked<keyof QueueLiveView['waiting'][number]>) =>
      isObject(w) &&
      typeof w.channelId === 'string' &&
      typeof w.callerNumber === 'string' &&
      isCount(w.priority) &&
      typeof w.enteredAt === 'string' &&
      (w.callback === undefined || typeof w.callback === 'boolean'),
  );
  const agentsOk = p.agents.every(
    (a: Unchecked<keyof QueueLiveView['agents'][number]>) =>
      isObject(a) &&
      isId(a.userId) &&
      typeof a.name === 'string' &&
      (a.extension === null || typeof a.extension === 'string') &&
      isActivity(a.activity),
  );
  return waitingOk && agentsOk;
}

/** A well-formed `queue.state` or `agent.state` event from callflow, or null. */
export function parseQueueEvent(raw: unknown): QueueStateEvent | AgentStateEvent | null {
  if (!isObject(raw)) return null;
  const value = raw as Unchecked<'type' | 'tenantId' | 'userId' | 'payload'>;
  if (!isId(value.tenantId) || !isObject(value.payload)) return null;
  if (value.type === 'queue.state') {
    return isLiveView(value.payload) ? (value as unknown as QueueStateEvent) : null;
  }
  if (value.type === 'agent.state') {
    const p = value.payload as Unchecked<keyof AgentStateEvent['payload']>;
    if (!isId(value.userId) || !isActivity(p.activity) || typeof p.paused !== 'boolean') return null;
    if (!(p.pauseReasonId === null || isId(p.pauseReasonId)) || !isIsoOrNull(p.wrapupUntil)) return null;
    return value as unknown as AgentStateEvent;
  }
  return null;
}

/** Any well-formed event of callflow's stream (call, queue or agent), or null. */
export function parseCallflowEvent(value: unknown): CallflowStreamEvent | null {
  return parseCallEvent(value) ?? parseQueueEvent(value);
}

/** At most this many ids in one command (callflow's stream accepts small frames only). */
export const MAX_COMMAND_IDS = 1000;

/** A well-formed command from the api (callflow checks what it receives), or null. */
export function parseCallflowCommand(raw: unknown): CallflowCommand | null {
  if (!isObject(raw)) return null;
  const value = raw as Unchecked<'type' | 'tenantId' | 'userIds' | 'queueIds'>;
  if (value.type === 'routes.changed') {
    if (value.tenantId !== null && !isId(value.tenantId)) return null;
    return { type: 'routes.changed', tenantId: value.tenantId };
  }
  if (!isId(value.tenantId)) return null;
  const ids =
    value.type === 'agents.changed' ? value.userIds : value.type === 'queues.changed' ? value.queueIds : null;
  if (!Array.isArray(ids) || ids.length > MAX_COMMAND_IDS || !ids.every(isId)) return null;
  return value as unknown as CallflowCommand;
}

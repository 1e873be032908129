// A tenant's call routing as data (issue 5): a graph of nodes, stored as versioned JSON,
// validated on save, run by callflow and simulated by the console with the same interpreter.

export const FLOW_FORMAT_VERSION = 1;

/** Keys a caller can press. */
export const DTMF_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export type DtmfKey = (typeof DTMF_KEYS)[number];

/** A prompt of the tenant's library (or a built-in one), by id. */
export interface PromptRef {
  promptId: string;
}

/** `HH:MM` local time of the schedule's time zone; `24:00` ends a day. */
export type ClockTime = string;

export interface OpeningPeriod {
  /** 0 = Sunday … 6 = Saturday. */
  day: number;
  start: ClockTime;
  end: ClockTime;
}

/** Work shifts (F14): weekly periods, holidays (closed) and exception dates (own periods). */
export interface Schedule {
  /** IANA time zone, e.g. `Asia/Ho_Chi_Minh`. */
  timeZone: string;
  weekly: OpeningPeriod[];
  /** `YYYY-MM-DD`: closed all day. */
  holidays: string[];
  /** `YYYY-MM-DD` → the periods of that date instead of the weekly ones (empty: closed). */
  exceptions: { date: string; periods: { start: ClockTime; end: ClockTime }[] }[];
}

interface BaseNode {
  id: string;
  /** Shown in the editor and in error messages. */
  label?: string;
}

export interface ShiftNode extends BaseNode {
  type: 'shift';
  schedule: Schedule;
  inHours: string;
  outOfHours: string;
}

export interface IvrNode extends BaseNode {
  type: 'ivr';
  prompt: PromptRef;
  /** Key → next node. */
  keys: Partial<Record<DtmfKey, string>>;
  /** Seconds to wait for a key after the prompt. */
  timeoutS: number;
  /** How many times the menu is offered again after a timeout or an invalid key. */
  retries: number;
  invalidPrompt?: PromptRef;
  timeoutPrompt?: PromptRef;
  /** Where a caller goes after the last retry (default: hang up). */
  onFailure?: string;
  /** Callers may dial an extension of the tenant directly (digits not mapped to a key). */
  directDial: boolean;
}

export interface PlayNode extends BaseNode {
  type: 'play';
  prompt: PromptRef;
  next: string;
}

export interface ExtensionNode extends BaseNode {
  type: 'extension';
  extension: string;
  ringTimeoutS: number;
  /** Busy, no answer or offline (default: hang up). */
  onNoAnswer?: string;
}

export interface VoicemailNode extends BaseNode {
  type: 'voicemail';
  greeting?: PromptRef;
  /** Whose mailbox: an extension of the tenant. */
  mailbox: string;
}

export interface ExternalNode extends BaseNode {
  type: 'external';
  /** A Vietnamese or international number, dialled through the tenant's trunk. */
  number: string;
}

/** A queue group (issue 6): the caller waits with music until an agent answers. */
export interface QueueNode extends BaseNode {
  type: 'queue';
  /** The tenant's queue group (GET /api/queues), by id. */
  queueId: string;
  /** Higher is served first (0–9; first come, first served within a priority). */
  priority: number;
  /** Where callers go when the queue is full or they waited its maximum (default: hang up). */
  onOverflow?: string;
  /** Where callers go who press the queue's exit key, e.g. a voicemail (default: key ignored). */
  onExit?: string;
}

/**
 * A callback request (issue 6): the caller keeps their place in the queue without holding the
 * line; when it is their turn an agent of the queue is rung, and on answer the caller's number is
 * dialled through the tenant's trunk. The caller hears a confirmation and the call ends.
 */
export interface CallbackNode extends BaseNode {
  type: 'callback';
  /** The queue group whose agents call back (GET /api/queues), by id. */
  queueId: string;
}

export interface HangupNode extends BaseNode {
  type: 'hangup';
}

export type FlowNode =
  | ShiftNode
  | IvrNode
  | PlayNode
  | ExtensionNode
  | VoicemailNode
  | ExternalNode
  | QueueNode
  | CallbackNode
  | HangupNode;

export type FlowNodeType = FlowNode['type'];

export interface FlowGraph {
  version: typeof FLOW_FORMAT_VERSION;
  entry: string;
  nodes: FlowNode[];
}

/** The node ids a node can continue to, with the name of the field that holds each. */
export function edgesOf(node: FlowNode): { field: string; target: string }[] {
  const edges: { field: string; target: string | undefined }[] = [];
  switch (node.type) {
    case 'shift':
      edges.push(
        { field: 'inHours', target: node.inHours },
        { field: 'outOfHours', target: node.outOfHours },
      );
      break;
    case 'ivr':
      for (const [key, target] of Object.entries(node.keys)) edges.push({ field: `keys.${key}`, target });
      edges.push({ field: 'onFailure', target: node.onFailure });
      break;
    case 'play':
      edges.push({ field: 'next', target: node.next });
      break;
    case 'extension':
      edges.push({ field: 'onNoAnswer', target: node.onNoAnswer });
      break;
    case 'queue':
      edges.push({ field: 'onOverflow', target: node.onOverflow }, { field: 'onExit', target: node.onExit });
      break;
    default:
      break;
  }
  return edges.filter((e): e is { field: string; target: string } => typeof e.target === 'string');
}

import {
  DTMF_KEYS,
  FLOW_FORMAT_VERSION,
  edgesOf,
  type FlowGraph,
  type FlowNode,
  type PromptRef,
  type Schedule,
} from './model.js';
import { minutesOf } from './schedule.js';

export type FlowErrorCode =
  | 'unsupported_version'
  | 'no_nodes'
  | 'duplicate_id'
  | 'missing_entry'
  | 'dangling_edge'
  | 'unreachable'
  | 'loop_without_wait'
  | 'missing_prompt'
  | 'unknown_extension'
  | 'unknown_queue'
  | 'invalid_value';

/** One problem of a flow, at a node and field the editor can highlight. */
export interface FlowError {
  /** The node at fault; null for the graph itself. */
  nodeId: string | null;
  field: string;
  code: FlowErrorCode;
}

export interface ValidationContext {
  promptExists(promptId: string): boolean;
  /** When given, extension and voicemail nodes must name an existing extension of the tenant. */
  extensionExists?(extension: string): boolean;
  /** When given, queue nodes must name an existing queue group of the tenant. */
  queueExists?(queueId: string): boolean;
}

const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EXTENSION = /^\d{2,8}$/;
const EXTERNAL_NUMBER = /^\+?\d{3,20}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Everything wrong with a flow, each error naming its node and field: malformed values, edges to
 * nodes that do not exist, nodes no call can reach, loops a call could go round forever without
 * the caller choosing (no IVR in the loop), prompts that do not exist. Empty when the flow can be
 * published.
 */
export function validateFlow(graph: FlowGraph, ctx: ValidationContext): FlowError[] {
  const errors: FlowError[] = [];
  const add = (nodeId: string | null, field: string, code: FlowErrorCode) =>
    errors.push({ nodeId, field, code });
  if (graph.version !== FLOW_FORMAT_VERSION) add(null, 'version', 'unsupported_version');
  if (!Array.isArray(graph.nodes) || graph.nodes.length === 0) {
    add(null, 'nodes', 'no_nodes');
    return errors;
  }

  const byId = new Map<string, FlowNode>();
  for (const node of graph.nodes) {
    if (!NODE_ID.test(node.id)) add(node.id, 'id', 'invalid_value');
    else if (byId.has(node.id)) add(node.id, 'id', 'duplicate_id');
    else byId.set(node.id, node);
  }
  if (!byId.has(graph.entry)) add(null, 'entry', 'missing_entry');

  for (const node of byId.values()) {
    for (const edge of edgesOf(node)) {
      if (!byId.has(edge.target)) add(node.id, edge.field, 'dangling_edge');
    }
    checkNode(node, ctx, (field, code) => add(node.id, field, code));
  }

  if (byId.has(graph.entry)) {
    const reached = reachable(graph.entry, byId);
    for (const id of byId.keys()) if (!reached.has(id)) add(id, 'id', 'unreachable');
  }
  for (const id of nodesOnLoopsWithoutWait(byId)) add(id, 'id', 'loop_without_wait');
  return errors;
}

function checkNode(
  node: FlowNode,
  ctx: ValidationContext,
  add: (field: string, code: FlowErrorCode) => void,
): void {
  const prompt = (field: string, ref: PromptRef | undefined, required: boolean) => {
    if (!ref) {
      if (required) add(field, 'missing_prompt');
      return;
    }
    if (typeof ref.promptId !== 'string' || !ctx.promptExists(ref.promptId)) add(field, 'missing_prompt');
  };
  const int = (field: string, value: unknown, min: number, max: number) => {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
      add(field, 'invalid_value');
  };
  const extension = (field: string, value: unknown) => {
    if (typeof value !== 'string' || !EXTENSION.test(value)) add(field, 'invalid_value');
    else if (ctx.extensionExists && !ctx.extensionExists(value)) add(field, 'unknown_extension');
  };
  switch (node.type) {
    case 'shift':
      checkSchedule(node.schedule, add);
      break;
    case 'ivr':
      prompt('prompt', node.prompt, true);
      prompt('invalidPrompt', node.invalidPrompt, false);
      prompt('timeoutPrompt', node.timeoutPrompt, false);
      int('timeoutS', node.timeoutS, 1, 60);
      int('retries', node.retries, 0, 5);
      for (const key of Object.keys(node.keys ?? {})) {
        if (!(DTMF_KEYS as readonly string[]).includes(key)) add(`keys.${key}`, 'invalid_value');
      }
      if (typeof node.directDial !== 'boolean') add('directDial', 'invalid_value');
      break;
    case 'play':
      prompt('prompt', node.prompt, true);
      break;
    case 'extension':
      extension('extension', node.extension);
      int('ringTimeoutS', node.ringTimeoutS, 5, 300);
      break;
    case 'voicemail':
      prompt('greeting', node.greeting, false);
      extension('mailbox', node.mailbox);
      break;
    case 'external':
      if (typeof node.number !== 'string' || !EXTERNAL_NUMBER.test(node.number))
        add('number', 'invalid_value');
      break;
    case 'queue':
      if (typeof node.queueId !== 'string' || !/^\d{1,10}$/.test(node.queueId))
        add('queueId', 'invalid_value');
      else if (ctx.queueExists && !ctx.queueExists(node.queueId)) add('queueId', 'unknown_queue');
      int('priority', node.priority, 0, 9);
      break;
    case 'callback':
      if (typeof node.queueId !== 'string' || !/^\d{1,10}$/.test(node.queueId))
        add('queueId', 'invalid_value');
      else if (ctx.queueExists && !ctx.queueExists(node.queueId)) add('queueId', 'unknown_queue');
      break;
    case 'hangup':
      break;
    default:
      add('type', 'invalid_value');
  }
}

function checkSchedule(
  schedule: Schedule | undefined,
  add: (field: string, code: FlowErrorCode) => void,
): void {
  if (!schedule) return add('schedule', 'invalid_value');
  try {
    new Intl.DateTimeFormat('en', { timeZone: schedule.timeZone });
  } catch {
    add('schedule.timeZone', 'invalid_value');
  }
  const period = (field: string, start: string, end: string) => {
    const from = minutesOf(start);
    const to = minutesOf(end);
    if (from === null || to === null || from >= to) add(field, 'invalid_value');
  };
  (schedule.weekly ?? []).forEach((p, i) => {
    if (!Number.isInteger(p.day) || p.day < 0 || p.day > 6) add(`schedule.weekly.${i}.day`, 'invalid_value');
    period(`schedule.weekly.${i}`, p.start, p.end);
  });
  (schedule.holidays ?? []).forEach((d, i) => {
    if (!DATE.test(d)) add(`schedule.holidays.${i}`, 'invalid_value');
  });
  (schedule.exceptions ?? []).forEach((e, i) => {
    if (!DATE.test(e.date)) add(`schedule.exceptions.${i}.date`, 'invalid_value');
    e.periods.forEach((p, j) => period(`schedule.exceptions.${i}.periods.${j}`, p.start, p.end));
  });
}

function reachable(entry: string, byId: Map<string, FlowNode>): Set<string> {
  const seen = new Set<string>([entry]);
  const stack = [entry];
  while (stack.length) {
    const node = byId.get(stack.pop()!);
    if (!node) continue;
    for (const { target } of edgesOf(node)) {
      if (byId.has(target) && !seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}

/**
 * Nodes on a cycle that passes no IVR: a call there would go round for ever without the caller
 * choosing anything (an IVR waits for a key and ends after its retries).
 */
function nodesOnLoopsWithoutWait(byId: Map<string, FlowNode>): string[] {
  const waits = (node: FlowNode) => node.type === 'ivr' || node.type === 'queue';
  const state = new Map<string, 'open' | 'done'>();
  const onLoop = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    const node = byId.get(id)!;
    for (const { target } of edgesOf(node)) {
      const next = byId.get(target);
      if (!next || waits(next)) continue;
      if (state.get(target) === 'open') {
        for (const member of path.slice(path.indexOf(target))) onLoop.add(member);
      } else if (!state.has(target)) {
        visit(target);
      }
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const [id, node] of byId) if (!waits(node) && !state.has(id)) visit(id);
  return [...onLoop];
}

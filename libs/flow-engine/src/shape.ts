import { FLOW_FORMAT_VERSION, type FlowGraph } from './model.js';
import type { FlowError } from './validate.js';

/** At most this many nodes in one flow. */
export const MAX_FLOW_NODES = 500;

const NODE_FIELDS: Record<string, Record<string, FieldKind>> = {
  shift: { schedule: 'object', inHours: 'string', outOfHours: 'string' },
  ivr: {
    prompt: 'prompt',
    keys: 'object',
    timeoutS: 'number',
    retries: 'number',
    invalidPrompt: 'prompt?',
    timeoutPrompt: 'prompt?',
    onFailure: 'string?',
    directDial: 'boolean',
  },
  play: { prompt: 'prompt', next: 'string' },
  extension: { extension: 'string', ringTimeoutS: 'number', onNoAnswer: 'string?' },
  voicemail: { greeting: 'prompt?', mailbox: 'string' },
  external: { number: 'string' },
  queue: { queueId: 'string', priority: 'number', onOverflow: 'string?', onExit: 'string?' },
  callback: { queueId: 'string' },
  hangup: {},
};

type FieldKind = 'string' | 'string?' | 'number' | 'boolean' | 'object' | 'prompt' | 'prompt?';

/**
 * An untrusted JSON object. The names the checks read are declared so that they can be read with a
 * dot also under the console's `noPropertyAccessFromIndexSignature` (the console imports this lib).
 */
type JsonObject = { [key: string]: unknown } & Partial<
  Record<
    | 'version'
    | 'entry'
    | 'nodes'
    | 'id'
    | 'type'
    | 'label'
    | 'keys'
    | 'schedule'
    | 'promptId'
    | 'timeZone'
    | 'start'
    | 'end'
    | 'date'
    | 'periods',
    unknown
  >
>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks that untrusted JSON has the shape of a FlowGraph (types of every field, no unknown
 * fields, known node types) before `validateFlow` judges its values and its graph. Errors name
 * the node and field like `validateFlow`'s; empty means the input can be treated as a FlowGraph.
 */
export function checkFlowShape(input: unknown): FlowError[] {
  const errors: FlowError[] = [];
  const bad = (nodeId: string | null, field: string) => errors.push({ nodeId, field, code: 'invalid_value' });
  if (!isObject(input)) {
    bad(null, 'draft');
    return errors;
  }
  for (const key of Object.keys(input)) if (!['version', 'entry', 'nodes'].includes(key)) bad(null, key);
  if (input.version !== FLOW_FORMAT_VERSION)
    errors.push({ nodeId: null, field: 'version', code: 'unsupported_version' });
  if (typeof input.entry !== 'string') bad(null, 'entry');
  if (!Array.isArray(input.nodes)) {
    bad(null, 'nodes');
    return errors;
  }
  if (input.nodes.length > MAX_FLOW_NODES) {
    bad(null, 'nodes');
    return errors;
  }
  input.nodes.forEach((node, i) => {
    if (!isObject(node) || typeof node.id !== 'string') {
      bad(null, `nodes.${i}`);
      return;
    }
    const id = node.id;
    const fields = typeof node.type === 'string' ? NODE_FIELDS[node.type] : undefined;
    if (!fields) {
      bad(id, 'type');
      return;
    }
    if (node.label !== undefined && (typeof node.label !== 'string' || node.label.length > 100))
      bad(id, 'label');
    for (const key of Object.keys(node)) {
      if (!['id', 'type', 'label'].includes(key) && !(key in fields)) bad(id, key);
    }
    for (const [field, kind] of Object.entries(fields)) {
      const value = node[field];
      if (kind.endsWith('?') && value === undefined) continue;
      if (!fits(value, kind.replace('?', '') as FieldKind)) bad(id, field);
    }
    if (node.type === 'ivr' && isObject(node.keys)) {
      for (const [key, target] of Object.entries(node.keys))
        if (typeof target !== 'string') bad(id, `keys.${key}`);
    }
    if (node.type === 'shift' && isObject(node.schedule))
      checkScheduleShape(node.schedule, (f) => bad(id, f));
  });
  return errors;
}

function fits(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.length <= 200;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    case 'prompt':
      return isObject(value) && typeof value.promptId === 'string' && Object.keys(value).length === 1;
    default:
      return false;
  }
}

function checkScheduleShape(schedule: JsonObject, bad: (field: string) => void): void {
  const period = (p: unknown) => isObject(p) && typeof p.start === 'string' && typeof p.end === 'string';
  if (typeof schedule.timeZone !== 'string') bad('schedule.timeZone');
  for (const key of Object.keys(schedule))
    if (!['timeZone', 'weekly', 'holidays', 'exceptions'].includes(key)) bad(`schedule.${key}`);
  const list = (name: string, ok: (v: unknown) => boolean) => {
    const value = schedule[name];
    if (!Array.isArray(value) || value.length > 400) return bad(`schedule.${name}`);
    value.forEach((v, i) => {
      if (!ok(v)) bad(`schedule.${name}.${i}`);
    });
  };
  list('weekly', (p) => period(p) && typeof (p as { day?: unknown }).day === 'number');
  list('holidays', (d) => typeof d === 'string');
  list(
    'exceptions',
    (e) =>
      isObject(e) &&
      typeof e.date === 'string' &&
      Array.isArray(e.periods) &&
      e.periods.length <= 24 &&
      e.periods.every(period),
  );
}

/** Narrowing helper for callers: the input passed `checkFlowShape`. */
export function asFlowGraph(input: unknown): FlowGraph {
  return input as FlowGraph;
}

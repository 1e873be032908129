import {
  FLOW_FORMAT_VERSION,
  edgesOf,
  type FlowGraph,
  type FlowNode,
  type IvrNode,
  type ShiftNode,
} from '@webcall/flow-engine';

/**
 * Where a call goes next, as the editor's destination picker shows it. Menus and work shifts are
 * nodes of their own (picked by id); the other destinations are leaves the picker materialises
 * as generated nodes (`ext-1001`, `vm-1001`, `queue-3`, `callback-3`, `hangup`…) when the flow is saved.
 */
export type Dest =
  | { kind: 'none' }
  | { kind: 'node'; nodeId: string }
  | { kind: 'play'; promptId: string; next: Dest }
  | { kind: 'extension'; extension: string; ringTimeoutS: number; onNoAnswer: Dest }
  | { kind: 'voicemail'; mailbox: string }
  | { kind: 'external'; number: string }
  | { kind: 'queue'; queueId: string; priority: number; onOverflow: Dest; onExit: Dest }
  /** The caller asks to be called back by the queue's agents (keeps their place; the call ends). */
  | { kind: 'callback'; queueId: string }
  | { kind: 'hangup' };

export type DestKind = Dest['kind'];

/** Node types the picker creates and the save removes again when nothing points to them. */
const LEAF_TYPES = new Set<FlowNode['type']>([
  'play',
  'extension',
  'voicemail',
  'external',
  'queue',
  'callback',
  'hangup',
]);

export const DEFAULT_RING_TIMEOUT_S = 30;
/** A queue node's caller priority unless chosen (0–9, higher served first). */
export const DEFAULT_QUEUE_PRIORITY = 0;
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function emptyGraph(): FlowGraph {
  return { version: FLOW_FORMAT_VERSION, entry: 'hangup', nodes: [{ id: 'hangup', type: 'hangup' }] };
}

/** The draft of a FlowView as a graph (tolerates a malformed or missing one). */
export function asGraph(draft: unknown): FlowGraph {
  const g = draft as Partial<FlowGraph> | null;
  if (!g || typeof g !== 'object' || !Array.isArray(g.nodes)) return emptyGraph();
  return { version: g.version ?? FLOW_FORMAT_VERSION, entry: g.entry ?? '', nodes: g.nodes };
}

export function cloneGraph(graph: FlowGraph): FlowGraph {
  return structuredClone(graph);
}

export function nodeById(graph: FlowGraph, id: string | null | undefined): FlowNode | undefined {
  return id ? graph.nodes.find((n) => n.id === id) : undefined;
}

export function shiftsOf(graph: FlowGraph): ShiftNode[] {
  return graph.nodes.filter((n): n is ShiftNode => n.type === 'shift');
}

export function ivrsOf(graph: FlowGraph): IvrNode[] {
  return graph.nodes.filter((n): n is IvrNode => n.type === 'ivr');
}

/** The picker's view of the node `id` points to (depth-limited: a play chain cannot loop forever). */
export function destOf(graph: FlowGraph, id: string | null | undefined, depth = 0): Dest {
  const node = nodeById(graph, id);
  if (!node || depth > 6) return id ? { kind: 'node', nodeId: id } : { kind: 'none' };
  switch (node.type) {
    case 'ivr':
    case 'shift':
      return { kind: 'node', nodeId: node.id };
    case 'queue':
      return {
        kind: 'queue',
        queueId: node.queueId,
        priority: node.priority,
        onOverflow: destOf(graph, node.onOverflow, depth + 1),
        onExit: destOf(graph, node.onExit, depth + 1),
      };
    case 'play':
      return {
        kind: 'play',
        promptId: node.prompt?.promptId ?? '',
        next: destOf(graph, node.next, depth + 1),
      };
    case 'extension':
      return {
        kind: 'extension',
        extension: node.extension,
        ringTimeoutS: node.ringTimeoutS,
        onNoAnswer: destOf(graph, node.onNoAnswer, depth + 1),
      };
    case 'voicemail':
      return { kind: 'voicemail', mailbox: node.mailbox };
    case 'external':
      return { kind: 'external', number: node.number };
    case 'callback':
      return { kind: 'callback', queueId: node.queueId };
    case 'hangup':
      return { kind: 'hangup' };
  }
}

/** The content of a node without its id and label, to find an equal one to reuse. */
function contentKey(node: FlowNode): string {
  const { id: _id, label: _label, ...rest } = node;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

function uniqueId(graph: FlowGraph, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 56) || 'node';
  if (!nodeById(graph, clean)) return clean;
  for (let i = 2; ; i++) if (!nodeById(graph, `${clean}-${i}`)) return `${clean}-${i}`;
}

/** `ivr-1`, `shift-2`…: the next free id for a new menu or shift. */
export function newNodeId(graph: FlowGraph, prefix: 'ivr' | 'shift'): string {
  for (let i = 1; ; i++) if (!nodeById(graph, `${prefix}-${i}`)) return `${prefix}-${i}`;
}

function addLeaf(graph: FlowGraph, node: FlowNode, base: string): string {
  const key = contentKey(node);
  const same = graph.nodes.find(
    (n) => LEAF_TYPES.has(n.type) && n.type === node.type && contentKey(n) === key,
  );
  if (same) return same.id;
  const id = uniqueId(graph, base);
  graph.nodes.push({ ...node, id });
  return id;
}

/**
 * The node id for `dest` in `graph`, adding the leaf nodes it needs (an equal existing leaf is
 * reused). `none` gives undefined: the caller leaves the field out (or keeps '' for a required
 * one, which validation reports at that field).
 */
export function materialise(graph: FlowGraph, dest: Dest): string | undefined {
  switch (dest.kind) {
    case 'none':
      return undefined;
    case 'node':
      return dest.nodeId;
    case 'hangup':
      return addLeaf(graph, { id: '', type: 'hangup' }, 'hangup');
    case 'external':
      return addLeaf(graph, { id: '', type: 'external', number: dest.number.trim() }, `out-${dest.number}`);
    case 'voicemail':
      return addLeaf(graph, { id: '', type: 'voicemail', mailbox: dest.mailbox }, `vm-${dest.mailbox}`);
    case 'extension': {
      const onNoAnswer = materialise(graph, dest.onNoAnswer);
      const node: FlowNode = {
        id: '',
        type: 'extension',
        extension: dest.extension,
        ringTimeoutS: dest.ringTimeoutS,
        ...(onNoAnswer ? { onNoAnswer } : {}),
      };
      return addLeaf(graph, node, `ext-${dest.extension}`);
    }
    case 'queue': {
      const onOverflow = materialise(graph, dest.onOverflow);
      const onExit = materialise(graph, dest.onExit);
      const node: FlowNode = {
        id: '',
        type: 'queue',
        queueId: dest.queueId,
        priority: dest.priority,
        ...(onOverflow ? { onOverflow } : {}),
        ...(onExit ? { onExit } : {}),
      };
      return addLeaf(graph, node, `queue-${dest.queueId}`);
    }
    case 'callback':
      return addLeaf(graph, { id: '', type: 'callback', queueId: dest.queueId }, `callback-${dest.queueId}`);
    case 'play': {
      const next = materialise(graph, dest.next) ?? materialise(graph, { kind: 'hangup' })!;
      return addLeaf(
        graph,
        { id: '', type: 'play', prompt: { promptId: dest.promptId }, next },
        `play-${dest.promptId}`,
      );
    }
  }
}

/** Removes the generated leaves nothing points to any more (repeatedly: a play may free its next). */
export function pruneLeaves(graph: FlowGraph): FlowGraph {
  for (;;) {
    const used = new Set<string>([graph.entry]);
    for (const node of graph.nodes) for (const e of edgesOf(node)) used.add(e.target);
    const keep = graph.nodes.filter((n) => !LEAF_TYPES.has(n.type) || used.has(n.id));
    if (keep.length === graph.nodes.length) return graph;
    graph.nodes = keep;
  }
}

/** Who points to `id`: the flow's entry and the fields of other nodes. */
export interface Referrer {
  /** null: the flow's entry. */
  node: FlowNode | null;
  field: string;
}

export function referrersOf(graph: FlowGraph, id: string): Referrer[] {
  const out: Referrer[] = [];
  if (graph.entry === id) out.push({ node: null, field: 'entry' });
  for (const node of graph.nodes) {
    if (node.id === id) continue;
    for (const e of edgesOf(node)) if (e.target === id) out.push({ node, field: e.field });
  }
  return out;
}

/**
 * The menu or shift (or the entry) a problem at `nodeId` belongs to in the editor: a generated
 * leaf is edited through the field that points to it.
 */
export function ownerOf(
  graph: FlowGraph,
  nodeId: string | null,
  field: string,
  seen = new Set<string>(),
): { node: FlowNode | null; field: string } {
  const node = nodeById(graph, nodeId);
  if (!node) return { node: null, field: nodeId ? 'entry' : field };
  if (!LEAF_TYPES.has(node.type) || seen.has(node.id)) return { node, field };
  seen.add(node.id);
  const ref = referrersOf(graph, node.id)[0];
  if (!ref) return { node, field };
  return ref.node ? ownerOf(graph, ref.node.id, ref.field, seen) : { node: null, field: 'entry' };
}

/**
 * Removes a menu or shift: what pointed to it now hangs up (keys and optional branches are
 * dropped), then unused leaves go.
 */
export function removeNode(source: FlowGraph, id: string): FlowGraph {
  const graph = cloneGraph(source);
  graph.nodes = graph.nodes.filter((n) => n.id !== id);
  const hangup = () => materialise(graph, { kind: 'hangup' })!;
  if (graph.entry === id) graph.entry = hangup();
  for (const node of graph.nodes) {
    switch (node.type) {
      case 'shift':
        if (node.inHours === id) node.inHours = hangup();
        if (node.outOfHours === id) node.outOfHours = hangup();
        break;
      case 'ivr':
        for (const [key, target] of Object.entries(node.keys)) {
          if (target === id) delete node.keys[key as keyof typeof node.keys];
        }
        if (node.onFailure === id) delete node.onFailure;
        break;
      case 'play':
        if (node.next === id) node.next = hangup();
        break;
      case 'extension':
        if (node.onNoAnswer === id) delete node.onNoAnswer;
        break;
      case 'queue':
        if (node.onOverflow === id) delete node.onOverflow;
        if (node.onExit === id) delete node.onExit;
        break;
      default:
        break;
    }
  }
  return pruneLeaves(graph);
}

/** Replaces (or adds) `node` and prunes: the draft to PATCH after a dialog's save. */
export function withNode(graph: FlowGraph, node: FlowNode): FlowGraph {
  const index = graph.nodes.findIndex((n) => n.id === node.id);
  if (index >= 0) graph.nodes[index] = node;
  else graph.nodes.push(node);
  return pruneLeaves(graph);
}

/** Whether a problem field (`schedule.weekly.3`) is `field` or below it. */
export function fieldMatches(problemField: string, field: string): boolean {
  return problemField === field || problemField.startsWith(`${field}.`);
}

/**
 * The instant of a wall-clock `YYYY-MM-DDTHH:MM` in `timeZone` (the simulator's date and time are
 * the tenant's, whatever the browser's zone).
 */
export function zonedInstant(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return new Date();
  const [y, mo, d, h, mi] = match.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(at));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - at;
  };
  let at = wall - offset(wall);
  at = wall - offset(at);
  return new Date(at);
}

/** `YYYY-MM-DDTHH:MM` of now in `timeZone`, for the simulator's default. */
export function zonedNow(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

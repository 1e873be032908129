import type { DtmfKey, FlowGraph, FlowNode, FlowNodeType, IvrNode, PromptRef } from './model.js';
import { isOpen } from './schedule.js';

/** What the call should do next; the runtime (ARI) or the simulator carries it out. */
export type FlowAction =
  | { kind: 'play'; nodeId: string; prompt: PromptRef }
  /** Play `prompt` with barge-in and collect digits: one of `keys` ends at once; else up to `maxDigits`. */
  | {
      kind: 'collect';
      nodeId: string;
      prompt: PromptRef;
      keys: DtmfKey[];
      maxDigits: number;
      timeoutS: number;
    }
  | { kind: 'dial'; nodeId: string; extension: string; ringTimeoutS: number }
  | { kind: 'voicemail'; nodeId: string; mailbox: string; greeting?: PromptRef }
  | { kind: 'external'; nodeId: string; number: string }
  /** Wait in a queue group until an agent answers, the queue overflows or the caller exits. */
  | { kind: 'queue'; nodeId: string; queueId: string; priority: number; exitEnabled: boolean }
  /** Take the caller's number for a callback by the queue's agents (confirmed to the caller, then hang up). */
  | { kind: 'callback'; nodeId: string; queueId: string }
  | { kind: 'hangup'; nodeId: string | null };

export type DialOutcome = 'answered' | 'busy' | 'no_answer' | 'unavailable';

/** How a queue wait ended: an agent answered, the queue was full or the wait too long, the
 *  caller pressed the exit key. */
export type QueueOutcome = 'answered' | 'overflow' | 'exit';

/** What the runtime reports back after an action. */
export interface ActionResult {
  /** `collect`: the digits pressed, null on timeout. */
  digits?: string | null;
  /** `dial`: how the extension answered. */
  outcome?: DialOutcome;
  /** `queue`: how the wait ended. */
  queue?: QueueOutcome;
  /** `callback`: whether the request was taken (refused: no number to call back, no trunk). */
  callback?: 'requested' | 'refused';
}

/** One step of the path a call took, for the call record and the simulator. */
export interface PathStep {
  nodeId: string;
  type: FlowNodeType;
  /** The branch taken: `in_hours`, `key:1`, `timeout`, `invalid`, `direct:1002`, `no_answer`… */
  branch?: string;
}

export type FlowEndReason =
  'connected' | 'voicemail' | 'external' | 'callback' | 'hangup' | 'menu_failed' | 'too_many_steps';

export interface FlowEnd {
  reason: FlowEndReason;
  nodeId: string | null;
}

export interface FlowRunOptions {
  now(): Date;
  /** Whether a direct-dialled extension exists in the tenant. */
  extensionExists?(extension: string): boolean;
  onStep?(step: PathStep): void;
  /** Nodes visited at most (a guard on top of validation). */
  maxSteps?: number;
  /** Start at this node instead of the entry (a call resumed after a restart, e.g. in a queue). */
  startAt?: string;
}

/**
 * Runs one call through a published flow. A generator: it yields the action the call needs next
 * and resumes with the action's result, so the same code drives live calls (callflow carries the
 * actions out through ARI) and simulations (results come from a script).
 */
export function* runFlow(
  graph: FlowGraph,
  options: FlowRunOptions,
): Generator<FlowAction, FlowEnd, ActionResult | undefined> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const step = (node: FlowNode, branch?: string) =>
    options.onStep?.({ nodeId: node.id, type: node.type, branch });
  const maxSteps = options.maxSteps ?? 100;
  let current = byId.get(options.startAt ?? graph.entry);
  for (let steps = 0; current; steps++) {
    if (steps >= maxSteps) {
      yield { kind: 'hangup', nodeId: current.id };
      return { reason: 'too_many_steps', nodeId: current.id };
    }
    const node: FlowNode = current;
    switch (node.type) {
      case 'shift': {
        const open = isOpen(node.schedule, options.now());
        step(node, open ? 'in_hours' : 'out_of_hours');
        current = byId.get(open ? node.inHours : node.outOfHours);
        break;
      }
      case 'play':
        step(node);
        yield { kind: 'play', nodeId: node.id, prompt: node.prompt };
        current = byId.get(node.next);
        break;
      case 'ivr': {
        const outcome = yield* runMenu(node, options, (branch) => step(node, branch));
        if (outcome.kind === 'next') {
          current = byId.get(outcome.nodeId);
          break;
        }
        if (outcome.kind === 'dial') {
          // Direct dial from the menu: the extension rings for the default time.
          const result = yield {
            kind: 'dial',
            nodeId: node.id,
            extension: outcome.extension,
            ringTimeoutS: 30,
          };
          if (result?.outcome === 'answered') return { reason: 'connected', nodeId: node.id };
          yield { kind: 'hangup', nodeId: node.id };
          return { reason: 'hangup', nodeId: node.id };
        }
        if (node.onFailure && byId.has(node.onFailure)) {
          current = byId.get(node.onFailure);
          break;
        }
        yield { kind: 'hangup', nodeId: node.id };
        return { reason: 'menu_failed', nodeId: node.id };
      }
      case 'extension': {
        const result = yield {
          kind: 'dial',
          nodeId: node.id,
          extension: node.extension,
          ringTimeoutS: node.ringTimeoutS,
        };
        const outcome = result?.outcome ?? 'unavailable';
        step(node, outcome);
        if (outcome === 'answered') return { reason: 'connected', nodeId: node.id };
        if (node.onNoAnswer && byId.has(node.onNoAnswer)) {
          current = byId.get(node.onNoAnswer);
          break;
        }
        yield { kind: 'hangup', nodeId: node.id };
        return { reason: 'hangup', nodeId: node.id };
      }
      case 'queue': {
        const result = yield {
          kind: 'queue',
          nodeId: node.id,
          queueId: node.queueId,
          priority: node.priority,
          exitEnabled: !!node.onExit && byId.has(node.onExit),
        };
        const outcome = result?.queue ?? 'overflow';
        step(node, outcome);
        if (outcome === 'answered') return { reason: 'connected', nodeId: node.id };
        const next = outcome === 'exit' ? node.onExit : node.onOverflow;
        if (next && byId.has(next)) {
          current = byId.get(next);
          break;
        }
        yield { kind: 'hangup', nodeId: node.id };
        return { reason: 'hangup', nodeId: node.id };
      }
      case 'callback': {
        const result = yield { kind: 'callback', nodeId: node.id, queueId: node.queueId };
        const outcome = result?.callback ?? 'refused';
        step(node, outcome);
        yield { kind: 'hangup', nodeId: node.id };
        return { reason: outcome === 'requested' ? 'callback' : 'hangup', nodeId: node.id };
      }
      case 'voicemail':
        step(node);
        yield { kind: 'voicemail', nodeId: node.id, mailbox: node.mailbox, greeting: node.greeting };
        return { reason: 'voicemail', nodeId: node.id };
      case 'external':
        step(node);
        yield { kind: 'external', nodeId: node.id, number: node.number };
        return { reason: 'external', nodeId: node.id };
      case 'hangup':
        step(node);
        yield { kind: 'hangup', nodeId: node.id };
        return { reason: 'hangup', nodeId: node.id };
    }
  }
  // An edge to a node that does not exist (validation prevents it): end cleanly.
  yield { kind: 'hangup', nodeId: null };
  return { reason: 'hangup', nodeId: null };
}

type MenuOutcome =
  { kind: 'next'; nodeId: string } | { kind: 'dial'; extension: string } | { kind: 'failed' };

/** The menu: offered, then again after each timeout or invalid entry, up to `retries` times. */
function* runMenu(
  node: IvrNode,
  options: FlowRunOptions,
  branch: (name: string) => void,
): Generator<FlowAction, MenuOutcome, ActionResult | undefined> {
  const keys = Object.keys(node.keys) as DtmfKey[];
  // With direct dial a digit may begin an extension: only * and # act at once; a lone digit
  // followed by a pause still chooses its branch.
  const immediate = node.directDial ? keys.filter((k) => k === '*' || k === '#') : keys;
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    const result = yield {
      kind: 'collect',
      nodeId: node.id,
      prompt: node.prompt,
      keys: immediate,
      maxDigits: node.directDial ? 8 : 1,
      timeoutS: node.timeoutS,
    };
    const digits = result?.digits ?? null;
    if (digits === null || digits === '') {
      branch('timeout');
      if (node.timeoutPrompt && attempt < node.retries)
        yield { kind: 'play', nodeId: node.id, prompt: node.timeoutPrompt };
      continue;
    }
    const target = digits.length === 1 ? node.keys[digits as DtmfKey] : undefined;
    if (target) {
      branch(`key:${digits}`);
      return { kind: 'next', nodeId: target };
    }
    if (node.directDial && /^\d{2,8}$/.test(digits) && options.extensionExists?.(digits)) {
      branch(`direct:${digits}`);
      return { kind: 'dial', extension: digits };
    }
    branch('invalid');
    if (node.invalidPrompt && attempt < node.retries)
      yield { kind: 'play', nodeId: node.id, prompt: node.invalidPrompt };
  }
  return { kind: 'failed' };
}

import type { FlowGraph } from './model.js';
import {
  runFlow,
  type DialOutcome,
  type FlowAction,
  type FlowEnd,
  type PathStep,
  type QueueOutcome,
} from './interpreter.js';

export interface SimulationInput {
  /** When the call comes in. */
  at: Date;
  /** What the caller enters at each menu, in order; null = waits without pressing anything. */
  entries?: (string | null)[];
  /** How a dialled extension answers (default: answered). */
  dial?(extension: string): DialOutcome;
  extensionExists?(extension: string): boolean;
  /** How a queue wait ends (default: an agent answers). */
  queue?(queueId: string): QueueOutcome;
}

export interface Simulation {
  path: PathStep[];
  actions: FlowAction[];
  end: FlowEnd;
}

/**
 * A call through `graph` as the runtime would run it (the same interpreter), with the caller's
 * entries and the clock given: what the editor shows as "this call goes…".
 */
export function simulateCall(graph: FlowGraph, input: SimulationInput): Simulation {
  const path: PathStep[] = [];
  const actions: FlowAction[] = [];
  const entries = [...(input.entries ?? [])];
  const run = runFlow(graph, {
    now: () => input.at,
    extensionExists: input.extensionExists,
    onStep: (s) => path.push(s),
  });
  let next = run.next();
  while (!next.done) {
    const action = next.value;
    actions.push(action);
    if (action.kind === 'collect') next = run.next({ digits: entries.length ? entries.shift()! : null });
    else if (action.kind === 'dial')
      next = run.next({ outcome: input.dial?.(action.extension) ?? 'answered' });
    else if (action.kind === 'queue') next = run.next({ queue: input.queue?.(action.queueId) ?? 'answered' });
    else if (action.kind === 'callback') next = run.next({ callback: 'requested' });
    else next = run.next({});
  }
  return { path, actions, end: next.value };
}

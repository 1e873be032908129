import { describe, expect, it } from '@jest/globals';
import { PROMPTS, hotlineFlow } from './flow.fixture.js';
import type { FlowGraph, FlowNode } from './model.js';
import { validateFlow } from './validate.js';

const ctx = { promptExists: (id: string) => PROMPTS.has(id) };
const withNodes = (change: (nodes: FlowNode[]) => FlowNode[]): FlowGraph => {
  const graph = hotlineFlow();
  return { ...graph, nodes: change(graph.nodes) };
};
const replace = (id: string, patch: Record<string, unknown>) => (nodes: FlowNode[]) =>
  nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as FlowNode) : n));

describe('validateFlow', () => {
  it('given a complete flow then there is nothing to report', () => {
    expect(validateFlow(hotlineFlow(), ctx)).toEqual([]);
  });

  it('given an edge to a node that does not exist then the error names the node and the field', () => {
    const graph = withNodes(replace('menu', { keys: { '1': 'sales', '2': 'nowhere', '9': 'mailbox' } }));
    expect(validateFlow(graph, ctx)).toEqual(
      expect.arrayContaining([{ nodeId: 'menu', field: 'keys.2', code: 'dangling_edge' }]),
    );
  });

  it('given a node no call can reach then it is reported', () => {
    const graph = withNodes((nodes) => [...nodes, { id: 'orphan', type: 'hangup' }]);
    expect(validateFlow(graph, ctx)).toEqual([{ nodeId: 'orphan', field: 'id', code: 'unreachable' }]);
  });

  it('given a loop without a menu then each node on it is reported; a loop through a menu is fine', () => {
    const endless = withNodes(
      replace('bye', { type: 'play', prompt: { promptId: 'closed' }, next: 'closed' }),
    );
    expect(validateFlow(endless, ctx).filter((e) => e.code === 'loop_without_wait')).toEqual([
      { nodeId: 'closed', field: 'id', code: 'loop_without_wait' },
      { nodeId: 'bye', field: 'id', code: 'loop_without_wait' },
    ]);
    const backToMenu = withNodes(replace('support', { onNoAnswer: 'menu' }));
    expect(validateFlow(backToMenu, ctx)).toEqual([]);
  });

  it('given missing prompts, bad values and duplicates then each is reported at its field', () => {
    const graph = withNodes((nodes) =>
      replace('menu', { prompt: { promptId: 'gone' }, timeoutS: 0, keys: { '1': 'sales', A: 'support' } })(
        replace('sales', { extension: '1x' })(
          replace('hours', {
            schedule: {
              timeZone: 'Mars/Base',
              weekly: [{ day: 7, start: '18:00', end: '08:00' }],
              holidays: ['2027-13-01'],
              exceptions: [],
            },
          })([...nodes, { id: 'bye', type: 'hangup' }]),
        ),
      ),
    );
    expect(validateFlow(graph, ctx)).toEqual(
      expect.arrayContaining([
        { nodeId: 'bye', field: 'id', code: 'duplicate_id' },
        { nodeId: 'menu', field: 'prompt', code: 'missing_prompt' },
        { nodeId: 'menu', field: 'timeoutS', code: 'invalid_value' },
        { nodeId: 'menu', field: 'keys.A', code: 'invalid_value' },
        { nodeId: 'sales', field: 'extension', code: 'invalid_value' },
        { nodeId: 'hours', field: 'schedule.timeZone', code: 'invalid_value' },
        { nodeId: 'hours', field: 'schedule.weekly.0.day', code: 'invalid_value' },
        { nodeId: 'hours', field: 'schedule.weekly.0', code: 'invalid_value' },
        { nodeId: 'hours', field: 'schedule.holidays.0', code: 'invalid_value' },
      ]),
    );
  });

  it('given an extension the tenant does not have then it is reported when the context can tell', () => {
    const errors = validateFlow(hotlineFlow(), { ...ctx, extensionExists: (e) => e !== '1002' });
    expect(errors).toEqual([{ nodeId: 'support', field: 'extension', code: 'unknown_extension' }]);
  });

  it('given no nodes, a wrong version or a missing entry then the graph itself is reported', () => {
    expect(validateFlow({ version: 1, entry: 'x', nodes: [] }, ctx)).toEqual([
      { nodeId: null, field: 'nodes', code: 'no_nodes' },
    ]);
    const graph = { ...hotlineFlow(), version: 2, entry: 'missing' } as unknown as FlowGraph;
    expect(validateFlow(graph, ctx)).toEqual(
      expect.arrayContaining([
        { nodeId: null, field: 'version', code: 'unsupported_version' },
        { nodeId: null, field: 'entry', code: 'missing_entry' },
      ]),
    );
  });

  it('given queue nodes then the queue must exist and the priority be 0–9; overflow and exit are edges', () => {
    const graph = hotlineFlow();
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'sales'
        ? { id: 'sales', type: 'queue', queueId: '8', priority: 12, onOverflow: 'nowhere' }
        : n,
    );
    const errors = validateFlow(graph, {
      promptExists: (p) => PROMPTS.has(p),
      queueExists: (q) => q === '7',
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { nodeId: 'sales', field: 'queueId', code: 'unknown_queue' },
        { nodeId: 'sales', field: 'priority', code: 'invalid_value' },
        { nodeId: 'sales', field: 'onOverflow', code: 'dangling_edge' },
      ]),
    );
  });

  it('given callback nodes then the queue must be a queue group of the tenant', () => {
    const graph = hotlineFlow();
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'sales' ? { id: 'sales', type: 'callback', queueId: '8' } : n,
    );
    const ctx = { promptExists: (p: string) => PROMPTS.has(p), queueExists: (q: string) => q === '7' };
    expect(validateFlow(graph, ctx)).toEqual([{ nodeId: 'sales', field: 'queueId', code: 'unknown_queue' }]);
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'sales' ? { id: 'sales', type: 'callback', queueId: 'x' } : n,
    );
    expect(validateFlow(graph, ctx)).toEqual([{ nodeId: 'sales', field: 'queueId', code: 'invalid_value' }]);
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'sales' ? { id: 'sales', type: 'callback', queueId: '7' } : n,
    );
    expect(validateFlow(graph, ctx)).toEqual([]);
  });
});

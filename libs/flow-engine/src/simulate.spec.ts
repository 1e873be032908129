import { describe, expect, it } from '@jest/globals';
import { hotlineFlow } from './flow.fixture.js';
import { runFlow } from './interpreter.js';
import { simulateCall } from './simulate.js';

const wednesday10am = new Date('2027-02-03T10:00:00+07:00');
const sunday = new Date('2027-02-07T10:00:00+07:00');
const branches = (r: ReturnType<typeof simulateCall>) => r.path.map((s) => `${s.nodeId}:${s.branch ?? ''}`);

describe('the flow interpreter, simulated', () => {
  it('given office hours when the caller presses 1 then sales rings and the call connects', () => {
    const r = simulateCall(hotlineFlow(), { at: wednesday10am, entries: ['1'] });
    expect(branches(r)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:answered']);
    expect(r.actions.map((a) => a.kind)).toEqual(['collect', 'dial']);
    // Direct dial is on: a digit may begin an extension, so no key ends the entry at once.
    expect(r.actions[0]).toMatchObject({ prompt: { promptId: 'welcome' }, keys: [], maxDigits: 8 });
    expect(r.end).toEqual({ reason: 'connected', nodeId: 'sales' });
  });

  it('given a Sunday then the caller hears the closed message and the call ends', () => {
    const r = simulateCall(hotlineFlow(), { at: sunday, entries: ['1'] });
    expect(branches(r)).toEqual(['hours:out_of_hours', 'closed:', 'bye:']);
    expect(r.actions).toEqual([
      { kind: 'play', nodeId: 'closed', prompt: { promptId: 'closed' } },
      { kind: 'hangup', nodeId: 'bye' },
    ]);
  });

  it('given sales does not answer then the call goes to the voicemail', () => {
    const r = simulateCall(hotlineFlow(), { at: wednesday10am, entries: ['1'], dial: () => 'no_answer' });
    expect(branches(r)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:no_answer', 'mailbox:']);
    expect(r.end.reason).toBe('voicemail');
  });

  it('given an invalid key, then silence, then a valid key then the menu is offered again each time', () => {
    const r = simulateCall(hotlineFlow(), { at: wednesday10am, entries: ['7', null, '2'] });
    expect(branches(r)).toEqual([
      'hours:in_hours',
      'menu:invalid',
      'menu:timeout',
      'menu:key:2',
      'support:answered',
    ]);
    expect(
      r.actions.filter((a) => a.kind === 'play').map((a) => a.kind === 'play' && a.prompt.promptId),
    ).toEqual(['invalid', 'timeout']);
  });

  it('given no entry through every retry then the menu gives up to its failure branch', () => {
    const r = simulateCall(hotlineFlow(), { at: wednesday10am, entries: [] });
    expect(branches(r)).toEqual(['hours:in_hours', 'menu:timeout', 'menu:timeout', 'menu:timeout', 'bye:']);
    expect(r.actions.filter((a) => a.kind === 'collect')).toHaveLength(3);
    expect(r.end).toEqual({ reason: 'hangup', nodeId: 'bye' });
  });

  it('given direct dial of an existing extension then it rings; an unknown one counts as invalid', () => {
    const exists = (e: string) => e === '1005';
    const direct = simulateCall(hotlineFlow(), {
      at: wednesday10am,
      entries: ['1005'],
      extensionExists: exists,
    });
    expect(branches(direct)).toEqual(['hours:in_hours', 'menu:direct:1005']);
    expect(direct.actions[1]).toMatchObject({ kind: 'dial', extension: '1005' });
    const unknown = simulateCall(hotlineFlow(), {
      at: wednesday10am,
      entries: ['1006', '9'],
      extensionExists: exists,
    });
    expect(branches(unknown)).toEqual(['hours:in_hours', 'menu:invalid', 'menu:key:9', 'mailbox:']);
  });

  it('given a menu without direct dial then its keys end the entry at once, one digit long', () => {
    const graph = hotlineFlow();
    graph.nodes = graph.nodes.map((n) =>
      n.type === 'ivr' ? { ...n, keys: { ...n.keys, '#': 'bye' }, directDial: false } : n,
    );
    const r = simulateCall(graph, { at: wednesday10am, entries: ['1'] });
    expect(r.actions[0]).toMatchObject({ keys: ['1', '2', '9', '#'], maxDigits: 1 });
    const withDirect = simulateCall(hotlineFlow(), { at: wednesday10am, entries: ['1'] });
    expect(withDirect.actions[0]).toMatchObject({ keys: [], maxDigits: 8 });
  });

  it('given a queue node then an answer connects, overflow and exit take their branches, and no branch hangs up', () => {
    const graph = hotlineFlow();
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'sales'
        ? { id: 'sales', type: 'queue', queueId: '7', priority: 3, onOverflow: 'mailbox', onExit: 'closed' }
        : n,
    );
    const answered = simulateCall(graph, { at: wednesday10am, entries: ['1'] });
    expect(answered.actions[1]).toEqual({
      kind: 'queue',
      nodeId: 'sales',
      queueId: '7',
      priority: 3,
      exitEnabled: true,
    });
    expect(answered.end).toEqual({ reason: 'connected', nodeId: 'sales' });
    const overflow = simulateCall(graph, { at: wednesday10am, entries: ['1'], queue: () => 'overflow' });
    expect(branches(overflow)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:overflow', 'mailbox:']);
    const exit = simulateCall(graph, { at: wednesday10am, entries: ['1'], queue: () => 'exit' });
    expect(branches(exit)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:exit', 'closed:', 'bye:']);
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'sales' ? { id: 'sales', type: 'queue', queueId: '7', priority: 0 } : n,
    );
    const bare = simulateCall(graph, { at: wednesday10am, entries: ['1'], queue: () => 'overflow' });
    expect(bare.actions[1]).toMatchObject({ kind: 'queue', exitEnabled: false });
    expect(bare.end).toEqual({ reason: 'hangup', nodeId: 'sales' });
  });

  it('given a queue whose exit key leads to a callback node then the caller is called back and the call ends', () => {
    const graph = hotlineFlow();
    graph.nodes = graph.nodes
      .map((n) =>
        n.id === 'sales'
          ? { id: 'sales', type: 'queue' as const, queueId: '7', priority: 0, onExit: 'cb' }
          : n,
      )
      .concat({ id: 'cb', type: 'callback', queueId: '7' });
    const exit = simulateCall(graph, { at: wednesday10am, entries: ['1'], queue: () => 'exit' });
    expect(exit.actions.slice(1)).toEqual([
      { kind: 'queue', nodeId: 'sales', queueId: '7', priority: 0, exitEnabled: true },
      { kind: 'callback', nodeId: 'cb', queueId: '7' },
      { kind: 'hangup', nodeId: 'cb' },
    ]);
    expect(branches(exit)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:exit', 'cb:requested']);
    expect(exit.end).toEqual({ reason: 'callback', nodeId: 'cb' });
  });

  it('given a flow that loops without a menu then the guard ends the call after maxSteps', () => {
    const graph = hotlineFlow();
    graph.nodes = graph.nodes.map((n) =>
      n.id === 'bye' ? { id: 'bye', type: 'play', prompt: { promptId: 'closed' }, next: 'closed' } : n,
    );
    const run = runFlow(graph, { now: () => sunday, maxSteps: 10 });
    let next = run.next();
    const kinds: string[] = [];
    while (!next.done) {
      kinds.push(next.value.kind);
      next = run.next({});
    }
    expect(next.value).toEqual({ reason: 'too_many_steps', nodeId: expect.any(String) });
    // The shift, then nine prompts round the loop, then the guard hangs up at the tenth node.
    expect(kinds).toEqual([...Array<string>(9).fill('play'), 'hangup']);
  });
});

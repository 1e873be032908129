import {
  parseCallflowCommand,
  parseCallflowEvent,
  parseQueueEvent,
  type AgentStateEvent,
  type QueueStateEvent,
} from '#contracts';

const queueState: QueueStateEvent = {
  type: 'queue.state',
  tenantId: 7,
  payload: {
    queueId: 3,
    name: 'CSKH',
    waiting: [
      { channelId: 'c-1', callerNumber: '0912345678', priority: 0, enteredAt: '2026-12-03T04:00:00Z' },
    ],
    longestWaitS: 12,
    agents: [{ userId: 11, name: 'An', extension: '1001', activity: 'available' }],
  },
};

const agentState: AgentStateEvent = {
  type: 'agent.state',
  tenantId: 7,
  userId: 11,
  payload: { activity: 'paused', paused: true, pauseReasonId: 2, wrapupUntil: null },
};

const withPayload = <T extends { payload: object }>(event: T, patch: Record<string, unknown>) => ({
  ...event,
  payload: { ...event.payload, ...patch },
});

describe('parseQueueEvent', () => {
  it('given well-formed queue.state and agent.state events when parsed then they pass unchanged', () => {
    expect(parseQueueEvent(queueState)).toEqual(queueState);
    expect(parseQueueEvent(agentState)).toEqual(agentState);
    expect(
      parseQueueEvent(withPayload(agentState, { wrapupUntil: '2026-12-03T04:00:10.000Z' })),
    ).not.toBeNull();
  });

  it.each([
    ['not an object', 'queue.state'],
    ['null', null],
    ['an unknown type', { ...queueState, type: 'queue.exploded' }],
    ['a string tenant', { ...queueState, tenantId: '7' }],
    ['tenant 0', { ...queueState, tenantId: 0 }],
    ['no payload', { type: 'queue.state', tenantId: 7 }],
    ['a fractional queue id', withPayload(queueState, { queueId: 1.5 })],
    ['no name', withPayload(queueState, { name: undefined })],
    ['waiting not an array', withPayload(queueState, { waiting: {} })],
    ['a waiting caller without channel', withPayload(queueState, { waiting: [{ callerNumber: '1' }] })],
    ['a negative longest wait', withPayload(queueState, { longestWaitS: -1 })],
    [
      'an agent with an unknown activity',
      withPayload(queueState, { agents: [{ userId: 1, name: 'x', extension: null, activity: 'sleeping' }] }),
    ],
    ['an agent.state without user', { ...agentState, userId: undefined }],
    ['an agent.state with a string user', { ...agentState, userId: '11' }],
    ['an agent.state with paused not boolean', withPayload(agentState, { paused: 'yes' })],
    ['an agent.state with a bad reason', withPayload(agentState, { pauseReasonId: 'coffee' })],
    ['an agent.state with a bad wrap-up time', withPayload(agentState, { wrapupUntil: 'soon' })],
  ])('given %s when parsed then it is refused', (_what, value) => {
    expect(parseQueueEvent(value)).toBeNull();
    expect(parseCallflowEvent(value)).toBeNull();
  });

  it('given a call event when parsed as any callflow event then the call parser accepts it', () => {
    const ended = { type: 'call.ended', tenantId: 7, extension: '1001', payload: { channelId: 'x' } };
    expect(parseCallflowEvent(ended)).toEqual(ended);
    expect(parseQueueEvent(ended)).toBeNull();
  });
});

describe('parseCallflowCommand', () => {
  it('given the three commands when parsed then they pass', () => {
    const a = { type: 'agents.changed', tenantId: 1, userIds: [1, 2] };
    const q = { type: 'queues.changed', tenantId: 1, queueIds: [] };
    expect(parseCallflowCommand(a)).toEqual(a);
    expect(parseCallflowCommand(q)).toEqual(q);
    expect(parseCallflowCommand({ type: 'routes.changed', tenantId: 3 })).toEqual({
      type: 'routes.changed',
      tenantId: 3,
    });
    // An operator's trunk change concerns no single tenant; extra fields are dropped.
    expect(parseCallflowCommand({ type: 'routes.changed', tenantId: null, x: 1 })).toEqual({
      type: 'routes.changed',
      tenantId: null,
    });
  });

  it.each([
    ['null', null],
    ['an unknown type', { type: 'reboot', tenantId: 1, userIds: [] }],
    ['no tenant', { type: 'agents.changed', userIds: [1] }],
    ['ids of the other command', { type: 'agents.changed', tenantId: 1, queueIds: [1] }],
    ['string ids', { type: 'queues.changed', tenantId: 1, queueIds: ['1'] }],
    ['routes.changed without a tenant field', { type: 'routes.changed' }],
    ['routes.changed with a string tenant', { type: 'routes.changed', tenantId: '1' }],
    [
      'too many ids',
      { type: 'queues.changed', tenantId: 1, queueIds: Array.from({ length: 1001 }, (_, i) => i + 1) },
    ],
  ])('given %s when parsed then it is refused', (_what, value) => {
    expect(parseCallflowCommand(value)).toBeNull();
  });
});

import { jest } from '@jest/globals';
import { CallRecorder } from './call-recorder.js';
import { FakeCallStore } from './call-store.fake.js';
import type { NewCall } from './call-store.js';

const call = (channelId: string, tenantId: number | null = 1): NewCall => ({
  channelId,
  tenantId,
  entryKind: 'inbound',
  entryId: '1900',
  callerNumber: '0901234567',
  callerName: '',
  calledNumber: '1900',
  startedAt: new Date('2026-11-24T00:00:00Z'),
});

describe('CallRecorder', () => {
  const logger = { warn: jest.fn() };

  it('given slow writes when a call starts, answers and ends then the caller is never blocked and writes land in order', async () => {
    const store = new FakeCallStore();
    store.delayMs = 20;
    const recorder = new CallRecorder(store, logger);
    recorder.started(call('c1'));
    recorder.answered('c1', new Date('2026-11-24T00:00:01Z'));
    recorder.ended('c1', new Date('2026-11-24T00:00:05Z'), { code: 16, text: 'Normal Clearing' });
    // Nothing was written yet: the calls above returned without waiting for the store.
    expect(store.rows.size).toBe(0);
    await recorder.flush();
    expect(store.log).toEqual([
      'insert c1',
      'update c1 answeredAt',
      'update c1 endedAt,disposition,hangupCause,hangupCauseText',
    ]);
    expect(store.rows.get('c1')).toMatchObject({ disposition: 'answered', hangupCause: 16 });
  });

  it('given slow writes then each is handed to the store without waiting for the previous one to land', async () => {
    const store = new FakeCallStore();
    store.delayMs = 1_000;
    const recorder = new CallRecorder(store, logger);
    recorder.started(call('c9'));
    recorder.answered('c9', new Date('2026-11-24T00:00:01Z'));
    recorder.step('c9', { nodeId: 'q', type: 'queue' });
    recorder.mark('c9', { queueId: 7, recording: null });
    // A few microtasks later all three are with the store, in order, though none has landed.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(store.handed).toEqual(['insert c9', 'update c9 answeredAt', 'update c9 queueId,path']);
    expect(store.log).toEqual([]);
    store.delayMs = 0;
    recorder.ended('c9', new Date('2026-11-24T00:00:05Z'));
    await recorder.flush();
    // The end does not send the path again: it was counted as written when handed over.
    expect(store.handed[3]).toBe('update c9 endedAt,disposition,hangupCause,hangupCauseText');
    expect(store.rows.get('c9')).toMatchObject({ queueId: 7, disposition: 'answered' });
  });

  it('given a write that fails then the next write of the call sends the path again', async () => {
    const store = new FakeCallStore();
    const warn = jest.fn();
    const recorder = new CallRecorder(store, { warn });
    recorder.started(call('c10'));
    recorder.step('c10', { nodeId: 'q', type: 'queue' });
    store.failNext = 0;
    await recorder.flush();
    store.failNext = 1;
    recorder.mark('c10', { queueId: 7, recording: null });
    await recorder.flush();
    expect(warn).toHaveBeenCalledTimes(1);
    recorder.ended('c10', new Date());
    await recorder.flush();
    expect(store.log.at(-1)).toBe('update c10 endedAt,disposition,hangupCause,hangupCauseText,path');
  });

  it('given a call that ends before answer then it is recorded as abandoned', async () => {
    const store = new FakeCallStore();
    const recorder = new CallRecorder(store, logger);
    recorder.started(call('c2'));
    recorder.ended('c2', new Date(), { code: 16 });
    await recorder.flush();
    expect(store.rows.get('c2')?.disposition).toBe('abandoned');
    expect(recorder.activeCalls).toBe(0);
  });

  it('given a failing write when later writes come then they still apply and the failure is logged', async () => {
    const store = new FakeCallStore();
    store.failNext = 1;
    const warn = jest.fn();
    const recorder = new CallRecorder(store, { warn });
    recorder.started(call('c3'));
    recorder.ended('c3', new Date(), undefined, true);
    await recorder.flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(store.log).toEqual(['update c3 endedAt,disposition,hangupCause,hangupCauseText']);
  });

  it('given tracked calls whose channels vanished when endMissing runs then only those are ended as lost', async () => {
    const store = new FakeCallStore();
    const recorder = new CallRecorder(store, logger);
    recorder.started(call('live'));
    recorder.started(call('gone'));
    expect(recorder.endMissing(new Set(['live']), new Date())).toBe(1);
    await recorder.flush();
    expect(store.rows.get('gone')?.hangupCauseText).toBe('lost');
    expect(store.rows.get('live')?.endedAt).toBeUndefined();
    expect(recorder.activeCalls).toBe(1);
  });

  it('given duplicate events when started/answered/ended repeat then each write happens once', async () => {
    const store = new FakeCallStore();
    const recorder = new CallRecorder(store, logger);
    recorder.started(call('c4'));
    recorder.started(call('c4'));
    recorder.answered('c4', new Date());
    recorder.answered('c4', new Date());
    recorder.ended('c4', new Date());
    recorder.ended('c4', new Date());
    await recorder.flush();
    expect(store.log).toHaveLength(3);
  });

  it('given calls of two tenants when they start and end then each tenant counts only its calls in progress', () => {
    const recorder = new CallRecorder(new FakeCallStore(), logger);
    recorder.started(call('a1', 1));
    recorder.started(call('a2', 1));
    recorder.started(call('b1', 2));
    recorder.started(call('x1', null));
    recorder.started(call('a1', 1)); // a repeated event is not a new call
    expect([recorder.activeCallsOf(1), recorder.activeCallsOf(2), recorder.activeCallsOf(null)]).toEqual([
      2, 1, 0,
    ]);
    recorder.ended('a1', new Date());
    recorder.ended('a1', new Date());
    recorder.endMissing(new Set(['a2']), new Date());
    expect([recorder.activeCallsOf(1), recorder.activeCallsOf(2)]).toEqual([1, 0]);
  });

  it('given a queue call marked mid-call when another process adopts it after a restart then the record keeps the earlier path and legs and adds the new ones', async () => {
    const store = new FakeCallStore();
    const before = new CallRecorder(store, logger);
    before.started(call('q1'));
    before.answered('q1', new Date());
    before.step('q1', { nodeId: 'menu', type: 'ivr', branch: 'key:1' });
    before.leg('q1', { kind: 'queue_agent', target: '1002', outcome: 'connected' });
    before.mark('q1', { queueId: 7, recording: 'queue-t1-q7-x' });
    await before.flush();
    expect(store.rows.get('q1')).toMatchObject({ queueId: 7, recording: 'queue-t1-q7-x' });

    const after = new CallRecorder(store, logger);
    after.adopt('q1', 1, new Date());
    after.step('q1', { nodeId: 'queue', type: 'queue', branch: 'answered' });
    after.ended('q1', new Date(), { code: 16 });
    await after.flush();
    const row = store.rows.get('q1')!;
    expect(row.disposition).toBe('answered');
    expect(JSON.parse(row.path!).map((s: { nodeId: string }) => s.nodeId)).toEqual(['menu', 'queue']);
    expect(JSON.parse(row.legs!)).toEqual([
      expect.objectContaining({ target: '1002', outcome: 'connected' }),
    ]);
  });

  it('given a queue call marked when it waits and when it is answered then each write leaves out what the row already holds', async () => {
    const store = new FakeCallStore();
    const recorder = new CallRecorder(store, logger);
    recorder.started(call('q2'));
    recorder.step('q2', { nodeId: 'menu', type: 'ivr', branch: 'key:1' });
    recorder.mark('q2', { queueId: 7, recording: null });
    await recorder.flush();
    recorder.leg('q2', { kind: 'queue_agent', target: '1002', outcome: 'connected' });
    recorder.mark('q2', { queueId: 7, recording: null });
    recorder.mark('q2', { queueId: 7, recording: null });
    recorder.ended('q2', new Date(), { code: 16 });
    await recorder.flush();
    expect(store.log).toEqual([
      'insert q2',
      'update q2 queueId,path',
      'update q2 legs',
      'update q2 endedAt,disposition,hangupCause,hangupCauseText',
    ]);
    const row = store.rows.get('q2')!;
    expect(row.queueId).toBe(7);
    expect(JSON.parse(row.path!)).toHaveLength(1);
    expect(JSON.parse(row.legs!)).toHaveLength(1);
  });
});

import { startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { QueueKit, legsOf, stepsOf } from '../support/queue-kit.js';
import { hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

/**
 * Queue calls through callflow's ACD with real parts: SIPp is the carrier on 127.0.0.2, agents
 * are baresip SIP phones, Asterisk holds waiting callers in a holding bridge and records the
 * conversation.
 */
describe('queue calls: the ACD offers waiting callers to agents', () => {
  const info = stackInfo();
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  const kit = new QueueKit(info);
  let api: AppProcess;

  beforeAll(async () => {
    api = await startApi(info);
    await kit.init();
  });

  afterEach(() => kit.stopPhones());

  afterAll(async () => {
    await kit.close();
    await api?.stop();
  });

  it('given a linear queue whose first agent does not answer when a carrier caller waits then the ring timeout moves on to the second agent, who answers, and the conversation is recorded with audio', async () => {
    const center = await kit.callCenter([false, true]);
    const [first, second] = center.agents;
    const line = await kit.queueLine(center.tenantId, center.client, [first!.userId, second!.userId], {
      strategy: 'linear',
      ringTimeoutS: 5,
      record: true,
    });
    await kit.startCallflow();
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      speak: true,
      speakDelayMs: 8000,
      end: 'hangup',
      holdMs: 8000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    // The first agent's phone rang (and rang out); the second answered.
    expect(first!.phone!.events.some((e) => e.type === 'CALL_INCOMING')).toBe(true);
    expect(first!.phone!.events.some((e) => e.type === 'CALL_ESTABLISHED')).toBe(false);
    await second!.phone!.waitForType('CALL_ESTABLISHED');

    const [row] = await kit.closedCalls(line.hotlineId, 1);
    expect(row).toMatchObject({
      tenant_id: center.tenantId,
      queue_id: line.queueId,
      disposition: 'answered',
    });
    expect(legsOf(row!).map((l) => `${l.target}:${l.outcome}`)).toEqual([
      `${first!.extension}:no_answer`,
      `${second!.extension}:connected`,
    ]);
    expect(stepsOf(row!)[0]).toBe('queue:answered');
    // The bridge recording: a WAV of the conversation with the caller's voice in it.
    expect(row!.recording).toMatch(/^queue-t\d+-q\d+-/);
    const file = await fetch(
      `${ari}/recordings/stored/${encodeURIComponent(row!.recording as string)}/file`,
      {
        headers: { authorization: ariAuth },
      },
    );
    expect(file.status).toBe(200);
    const audio = Buffer.from(await file.arrayBuffer());
    expect(audio.subarray(0, 4).toString()).toBe('RIFF');
    const samples = new Int16Array(audio.buffer, audio.byteOffset + 44, Math.floor((audio.length - 44) / 2));
    expect(samples.length).toBeGreaterThan(8000);
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(500);
    // Nothing left behind: the queue call is gone from the persisted view.
    await kit.noQueueCallsLeft(line.queueId);
  });

  it('given a queue with at most one caller and a 6-second maximum wait and no agent logged in then a second caller overflows at once and the first after its maximum wait', async () => {
    const center = await kit.callCenter([true]);
    const line = await kit.queueLine(center.tenantId, center.client, [], {
      strategy: 'ring_all',
      maxWaitS: 6,
      maxCallers: 1,
    });
    await kit.startCallflow();
    const firstCall = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'wait',
      localPort: 5071,
    });
    await expectEventually(async () => expect(await kit.queueCalls(line.queueId)).toHaveLength(1));
    const secondCall = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'wait',
      localPort: 5072,
    });
    expect(secondCall.ok).toBe(true);
    expect((await firstCall).ok).toBe(true);
    const rows = await kit.closedCalls(line.hotlineId, 2);
    expect(rows.map(stepsOf)).toEqual([
      ['queue:overflow', 'bye:'],
      ['queue:overflow', 'bye:'],
    ]);
    expect(Number(rows[0]!.seconds)).toBeGreaterThanOrEqual(5);
    expect(Number(rows[1]!.seconds)).toBeLessThan(5);
    expect(center.agents[0]!.phone!.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
  });

  it('given a ring-all queue with a paused agent, a logged-out agent and a free agent then only the free agent is rung', async () => {
    const center = await kit.callCenter([true, true, true]);
    const [paused, loggedOut, free] = center.agents;
    const line = await kit.queueLine(
      center.tenantId,
      center.client,
      center.agents.map((a) => a.userId),
      { strategy: 'ring_all' },
    );
    await kit.db.query(
      'INSERT INTO agent_states (user_id, tenant_id, paused, changed_at) VALUES (?, ?, 1, NOW(3))',
      [paused!.userId, center.tenantId],
    );
    await kit.db.query('DELETE FROM queue_logins WHERE queue_id = ? AND user_id = ?', [
      line.queueId,
      loggedOut!.userId,
    ]);
    await kit.startCallflow();
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'hangup',
      holdMs: 3000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    await free!.phone!.waitForType('CALL_ESTABLISHED');
    expect(paused!.phone!.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
    expect(loggedOut!.phone!.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
    const [row] = await kit.closedCalls(line.hotlineId, 1);
    expect(legsOf(row!)).toEqual([
      expect.objectContaining({ kind: 'queue_agent', target: free!.extension, outcome: 'connected' }),
    ]);
  });
});

import type { CallRecordView } from '#contracts';
import type mysql from 'mysql2/promise';
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
    // Playable in the console: the API serves it to the tenant's admins only.
    const record = await center.client.expect<CallRecordView>(200, 'GET', `/calls/${row!.id}`);
    expect(record).toMatchObject({ queueId: line.queueId, hasRecording: true });
    const served = await center.client.call('GET', `/calls/${row!.id}/recording`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('audio/wav');
    expect(Buffer.from(await served.arrayBuffer()).equals(audio)).toBe(true);
    const other = await kit.callCenter([]);
    await other.client.expect(404, 'GET', `/calls/${row!.id}/recording`);
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

  it('given tenant-wide recording and English announcements when a caller of a queue that does not record is answered then the English notice plays and the conversation is recorded', async () => {
    const center = await kit.callCenter([true]);
    const line = await kit.queueLine(center.tenantId, center.client, [center.agents[0]!.userId], {
      strategy: 'ring_all',
      record: false,
    });
    await kit.db.query('UPDATE queues SET record_notice = 1 WHERE id = ?', [line.queueId]);
    await center.client.expect(200, 'PUT', '/queue-settings', { recordAll: true, language: 'en' });
    await kit.startCallflow();
    // Every playback Asterisk starts on a channel or bridge, seen by a probe application subscribed
    // to all channels and bridges. Not `subscribeAll`: that adds every device state, and closing a
    // socket with device-state subscriptions can deadlock Asterisk's ARI (asterisk/asterisk#2170),
    // which took every later test down with it.
    const played: string[] = [];
    const probeApp = `probe-${Date.now()}`;
    const probe = new WebSocket(
      `${info.env.ARI_URL!.replace(/^http/, 'ws')}/ari/events?app=${probeApp}&api_key=${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`,
    );
    probe.onmessage = (m) => {
      const e = JSON.parse(String(m.data)) as { type: string; playback?: { media_uri: string } };
      if (e.type === 'PlaybackStarted' && e.playback) played.push(e.playback.media_uri);
    };
    await new Promise((resolve, reject) => {
      probe.onopen = resolve;
      probe.onerror = reject;
    });
    const subscribed = await fetch(
      `${info.env.ARI_URL}/ari/applications/${probeApp}/subscription?eventSource=channel:,bridge:`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`,
        },
      },
    );
    expect(subscribed.status).toBe(200);
    try {
      const call = await hotlineCall({
        sipPort: info.ports.sip,
        number: line.number,
        speak: true,
        speakDelayMs: 6000,
        end: 'hangup',
        holdMs: 9000,
      });
      expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    } finally {
      probe.close();
    }
    expect(played).toContainEqual(expect.stringMatching(/\/builtin\/en\/system\/recorded$/));
    expect(played.filter((m) => m.includes('/builtin/vi/'))).toEqual([]);
    const [row] = await kit.closedCalls(line.hotlineId, 1);
    expect(row).toMatchObject({ disposition: 'answered', queue_id: line.queueId });
    expect(row!.recording).toMatch(/^queue-t\d+-q\d+-/);
  });

  it('given a queue with a tenant music class, position announcements and an exit key when a caller waits then the class plays on the holding bridge and the exit key takes the exit branch', async () => {
    const center = await kit.callCenter(['later']);
    const [[welcome]] = await kit.db.query<mysql.RowDataPacket[]>(
      "SELECT id, file FROM prompts WHERE tenant_id IS NULL AND kind = 'builtin' AND name = 'welcome' AND language = 'vi'",
    );
    const [cls] = await kit.db.query<mysql.ResultSetHeader>(
      'INSERT INTO moh_classes (tenant_id, name, prompt_ids) VALUES (?, ?, ?)',
      [center.tenantId, 'Nhạc chờ', JSON.stringify([welcome!.id])],
    );
    const line = await kit.queueLine(center.tenantId, center.client, [center.agents[0]!.userId], {
      strategy: 'ring_all',
      mohClassId: cls.insertId,
      exitKey: '1',
      announceEveryS: 15,
    });
    await kit.startCallflow();
    const call = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      keys: ['1'],
      keyDelayMs: 4000,
      end: 'wait',
    });
    // While the caller waits, Asterisk plays the class's prompt on the queue's holding bridge.
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as {
        queues: { music: { queueId: number; classId: number | null; playbackId: string | null }[] };
      };
      const music = status.queues.music.find((m) => m.queueId === line.queueId);
      expect(music).toMatchObject({ classId: cls.insertId, playbackId: expect.any(String) });
      const playback = (await (
        await fetch(`${ari}/playbacks/${music!.playbackId}`, { headers: { authorization: ariAuth } })
      ).json()) as { media_uri: string; target_uri: string; state: string };
      expect(playback).toMatchObject({ target_uri: `bridge:queue-${line.queueId}`, state: 'playing' });
      expect(playback.media_uri).toContain(String(welcome!.file));
    });
    const result = await call;
    expect(result.output).toBe(result.ok ? result.output : 'SIPp call ok');
    const [row] = await kit.closedCalls(line.hotlineId, 1);
    expect(stepsOf(row!)).toEqual(['queue:exit', 'left:']);
  });
});

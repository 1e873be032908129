import { AmiClient, type AmiMessage } from '#ami';
import mysql from 'mysql2/promise';
import { CALLFLOW_ARI_EVENTS } from '../../apps/callflow/src/callflow-ari-events.js';
import { asteriskCli } from '../support/asterisk.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { runSipp } from '../support/sipp.js';
import { stackInfo } from '../support/stack-info.js';

interface CallflowStatus {
  ari: { connected: boolean; connections: number };
  ami: { connected: boolean; connections: number };
  activeCalls: number;
  handledCalls: number;
  refusedCalls: { tenant_suspended: number; over_quota: number };
  tenantLimits: { tenants: number; loadedAt: string | null };
}

interface CallRow {
  id: number;
  tenant_id: number | null;
  entry_kind: string;
  entry_id: string;
  caller_number: string;
  disposition: string | null;
  hangup_cause_text: string | null;
  answered_at: Date | null;
  ended_at: Date | null;
}

describe('callflow on a real Asterisk', () => {
  const info = stackInfo();
  let db: mysql.Pool;
  let ami: AmiClient;
  let callflow: AppProcess;

  const status = async (): Promise<CallflowStatus> =>
    (await fetch(info.callflowStatusUrl)).json() as Promise<CallflowStatus>;
  const maxCallId = async () => {
    const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT COALESCE(MAX(id), 0) AS id FROM calls');
    return Number(rows[0].id);
  };
  const callsAfter = async (id: number) => {
    const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT * FROM calls WHERE id > ? ORDER BY id', [
      id,
    ]);
    return rows as unknown as CallRow[];
  };
  const liveChannels = async () => (await ami.actionList({ Action: 'CoreShowChannels' })).events.length;
  const startCallflow = async () => {
    const app = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(
      async () => {
        const s = await status();
        expect(s.ari.connected && s.ami.connected).toBe(true);
      },
      { timeoutMs: 20_000 },
    );
    return app;
  };

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    ami = new AmiClient({
      host: info.env.AMI_HOST,
      port: Number(info.env.AMI_PORT),
      username: info.env.AMI_USERNAME,
      secret: info.env.AMI_SECRET,
      events: 'user',
    });
    ami.start();
    await ami.waitUntilConnected(10_000);
    callflow = await startCallflow();
  });

  afterAll(async () => {
    await callflow?.stop();
    await ami?.stop();
    await db?.end();
  });

  it('given callflow is up when SIPp places 20 calls to the demo hotline then every call is answered and recorded', async () => {
    const before = await maxCallId();

    const run = await runSipp({ sipPort: info.ports.sip, service: '1900', calls: 20, rate: 10 });

    expect({ exitCode: run.exitCode, successful: run.successful, failed: run.failed }).toEqual({
      exitCode: 0,
      successful: 20,
      failed: 0,
    });
    const rows = await expectEventually(async () => {
      const r = await callsAfter(before);
      expect(r).toHaveLength(20);
      expect(r.every((c) => c.ended_at !== null)).toBe(true);
      return r;
    });
    for (const row of rows) {
      expect(row).toMatchObject({
        tenant_id: info.demoTenantId,
        entry_kind: 'inbound',
        entry_id: '1900',
        disposition: 'answered',
      });
      expect(row.caller_number).toMatch(/^0901000\d+$/);
      expect(row.answered_at!.getTime()).toBeLessThanOrEqual(row.ended_at!.getTime());
    }
    expect(new Set(rows.map((r) => r.caller_number)).size).toBe(20);
    await expectEventually(async () => expect(await liveChannels()).toBe(0));
  });

  it('given callflow is connected then Asterisk sends its app only the event types callflow handles', async () => {
    const app = 'webcall'; // callflow's default ARI_APP
    const auth = Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64');
    const base = info.env.ARI_URL.replace(/\/+$/, '').replace(/\/ari$/, '');
    const application = await expectEventually(async () => {
      const res = await fetch(`${base}/ari/applications/${app}`, {
        headers: { authorization: `Basic ${auth}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { events_allowed: { type: string }[] };
      expect(body.events_allowed.length).toBeGreaterThan(0);
      return body;
    });
    const allowed = application.events_allowed.map((e) => e.type).sort();
    expect(allowed).toEqual([...CALLFLOW_ARI_EVENTS].sort());
    // The 20 calls above were handled with this filter in place; a type outside it never arrives.
    expect(allowed).not.toContain('ChannelVarset');
    expect(allowed).not.toContain('ChannelStateChange');
  });

  it('given the tenant suspended, then over its concurrent-call quota, when calls arrive then they are refused and recorded with the reason', async () => {
    /** Changes the demo tenant and waits until callflow has reloaded the limits. */
    const setTenant = async (sql: string) => {
      await db.query(`UPDATE tenants SET ${sql} WHERE id = ?`, [info.demoTenantId]);
      const changedAt = Date.now();
      await expectEventually(async () => {
        const loadedAt = (await status()).tenantLimits.loadedAt;
        expect(loadedAt !== null && Date.parse(loadedAt) > changedAt).toBe(true);
      });
    };
    const [[original]] = await db.query<mysql.RowDataPacket[]>(
      'SELECT quota_concurrent_calls AS quota FROM tenants WHERE id = ?',
      [info.demoTenantId],
    );
    try {
      await setTenant("status = 'suspended'");
      let before = await maxCallId();
      const refused = await runSipp({ sipPort: info.ports.sip, service: '1900', calls: 2, rate: 10 });
      expect({ successful: refused.successful, failed: refused.failed }).toEqual({
        successful: 0,
        failed: 2,
      });
      let rows = await expectEventually(async () => {
        const r = await callsAfter(before);
        expect(r).toHaveLength(2);
        expect(r.every((c) => c.ended_at !== null)).toBe(true);
        return r;
      });
      for (const row of rows) {
        expect(row).toMatchObject({
          disposition: 'failed',
          hangup_cause_text: 'tenant_suspended',
          answered_at: null,
        });
      }

      // Three calls at once against a quota of one: the first is served, the others refused.
      await setTenant("status = 'active', quota_concurrent_calls = 1");
      before = await maxCallId();
      const limited = await runSipp({
        sipPort: info.ports.sip,
        service: '1900',
        calls: 3,
        rate: 20,
        limit: 3,
      });
      expect({ successful: limited.successful, failed: limited.failed }).toEqual({
        successful: 1,
        failed: 2,
      });
      rows = await expectEventually(async () => {
        const r = await callsAfter(before);
        expect(r).toHaveLength(3);
        expect(r.every((c) => c.ended_at !== null)).toBe(true);
        return r;
      });
      expect(rows.map((r) => r.hangup_cause_text ?? r.disposition).sort()).toEqual(
        ['over_quota', 'over_quota', 'Normal Clearing'].sort(),
      );
      expect((await status()).refusedCalls).toMatchObject({ tenant_suspended: 2, over_quota: 2 });
    } finally {
      await setTenant(`status = 'active', quota_concurrent_calls = ${Number(original.quota)}`);
    }
    await expectEventually(async () => expect(await liveChannels()).toBe(0));
  });

  it('given Asterisk restarts when it is back then ARI and AMI reconnect by themselves and new calls are handled', async () => {
    const before = await status();
    const amiDropped = new Promise<void>((resolve) => ami.once('disconnected', () => resolve()));

    await asteriskCli(info, 'core restart now');
    await amiDropped;

    await expectEventually(
      async () => {
        const s = await status();
        expect(s.ari.connections).toBeGreaterThan(before.ari.connections);
        expect(s.ami.connections).toBeGreaterThan(before.ami.connections);
        expect(s.ari.connected && s.ami.connected).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await ami.waitUntilConnected(30_000);
    const lastId = await maxCallId();
    const run = await runSipp({ sipPort: info.ports.sip, service: '1900', calls: 5, rate: 5 });
    expect({ successful: run.successful, failed: run.failed }).toEqual({ successful: 5, failed: 0 });
    await expectEventually(async () => {
      const rows = await callsAfter(lastId);
      expect(rows.map((r) => r.disposition)).toEqual(Array(5).fill('answered'));
    });
  });

  it('given callflow is stopped when calls arrive then callers hear the apology, nothing is recorded and no channel is left', async () => {
    await callflow.stop();
    const apologies: AmiMessage[] = [];
    const onUserEvent = (e: AmiMessage) => {
      if (e.UserEvent === 'WebCallApology') apologies.push(e);
    };
    ami.on('event:UserEvent', onUserEvent);
    const lastId = await maxCallId();

    try {
      const run = await runSipp({ sipPort: info.ports.sip, service: '1900', calls: 3, rate: 3 });

      expect({ successful: run.successful, failed: run.failed }).toEqual({ successful: 3, failed: 0 });
      await expectEventually(() => expect(apologies).toHaveLength(3));
      expect(await callsAfter(lastId)).toHaveLength(0);
      await expectEventually(async () => expect(await liveChannels()).toBe(0));
    } finally {
      ami.off('event:UserEvent', onUserEvent);
      callflow = await startCallflow();
    }
  });
});

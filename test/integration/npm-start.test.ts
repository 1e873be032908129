import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { HealthResponse, LoginResponse } from '#contracts';
import { expectEventually } from '../support/eventually.js';
import { connectLive, waitForEventSubscribers } from '../support/realtime.js';
import { stackInfo } from '../support/stack-info.js';
import { processesOf, ROOT, spawnStack } from '../support/stack-process.js';

const STATE = 'start-check';
// Below Linux's ephemeral range (32768-60999): a port there may be held for a moment by any
// outgoing connection of the machine, and the start would then refuse it as busy.
const PORTS = {
  http: 29080,
  ari: 29088,
  ami: 29038,
  sip: 29060,
  sipTls: 29061,
  db: 29307,
  status: 29089,
  smtp: 29025,
  mail: 29026,
};

describe('npm start', () => {
  const info = stackInfo();
  const stateDir = path.join(ROOT, '.runtime', STATE);
  let stack: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    if (stack?.exitCode === null) stack.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('given an external database when npm start runs then it brings up Asterisk, api and callflow, prints the URL and logins, and Ctrl-C leaves no process behind', async () => {
    // Same demo logins as this run's database already has: the seed must not change them
    // under the other suites' feet.
    mkdirSync(stateDir, { recursive: true });
    copyFileSync(
      path.join(path.dirname(process.env.WEBCALL_STACK_FILE!), 'secrets.json'),
      path.join(stateDir, 'secrets.json'),
    );
    stack = spawnStack(STATE, {
      DATABASE_URL: info.env.DATABASE_URL,
      HTTP_PORT: String(PORTS.http),
      WEBCALL_ARI_PORT: String(PORTS.ari),
      WEBCALL_AMI_PORT: String(PORTS.ami),
      WEBCALL_SIP_PORT: String(PORTS.sip),
      WEBCALL_SIP_TLS_PORT: String(PORTS.sipTls),
      WEBCALL_DB_PORT: String(PORTS.db),
      CALLFLOW_STATUS_PORT: String(PORTS.status),
      MAIL_SINK_SMTP_PORT: String(PORTS.smtp),
      MAIL_SINK_HTTP_PORT: String(PORTS.mail),
    });
    stack.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    stack.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => stack!.on('exit', (code) => resolve(code)));

    await Promise.race([
      exited.then((code) => {
        throw new Error(`npm start exited with ${code}:\n${output}`);
      }),
      expectEventually(() => expect(output).toContain('WebCall is running.'), {
        timeoutMs: 150_000,
        intervalMs: 250,
      }),
    ]);
    expect(output).toContain(`Console:      http://localhost:${PORTS.http}`);
    expect(output).toContain(`operator@webcall.local / ${info.logins.operator.password}`);
    expect(output).not.toContain('seeded: password');
    expect(output).toMatch(/Demo admin: +admin@demo\.webcall\.local \/ \S{16}/);
    // The database was given: no private MariaDB for this run.
    expect(existsSync(path.join(stateDir, 'mariadb'))).toBe(false);
    expect(output).not.toContain('[mariadb]');

    const health = (await (
      await fetch(`http://127.0.0.1:${PORTS.http}/api/health`)
    ).json()) as HealthResponse;
    expect(health.status).toBe('ok');
    expect(processesOf(stateDir).length).toBeGreaterThanOrEqual(3);
    // The same single port serves the console's live events (socket.io), fed by callflow.
    const login = await fetch(`http://127.0.0.1:${PORTS.http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(info.logins.admin),
    });
    const { accessToken } = (await login.json()) as LoginResponse;
    (await connectLive(`http://127.0.0.1:${PORTS.http}`, accessToken)).close();
    await waitForEventSubscribers(`http://127.0.0.1:${PORTS.status}/status`);

    stack.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(output).toContain('[stack]     stopped');
    expect(processesOf(stateDir)).toEqual([]);
  });
});

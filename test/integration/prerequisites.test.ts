import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { processesOf, ROOT, spawnStack } from '../support/stack-process.js';

const STATE = 'prereq-check';

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

/** Runs `npm start`'s stack script with its own state directory and no external servers. */
function runStack(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnStack(STATE, env);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm start prerequisites', () => {
  const stateDir = path.join(ROOT, '.runtime', STATE);
  const servers: Server[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('given the console port and the SIP port are in use when npm start runs then it names both ports and their variables and starts nothing', async () => {
    const [busyHttp, busySip, free1, free2, free3, free4] = await Promise.all(
      Array.from({ length: 6 }, listen),
    );
    servers.push(busyHttp, busySip);
    const frees = [free1, free2, free3, free4].map(portOf);
    await Promise.all([free1, free2, free3, free4].map((s) => new Promise((r) => s.close(r))));

    const { code, output } = await runStack({
      HTTP_PORT: String(portOf(busyHttp)),
      WEBCALL_SIP_PORT: String(portOf(busySip)),
      WEBCALL_DB_PORT: String(frees[0]),
      WEBCALL_ARI_PORT: String(frees[1]),
      WEBCALL_AMI_PORT: String(frees[2]),
      CALLFLOW_STATUS_PORT: String(frees[3]),
    });

    expect(code).toBe(1);
    expect(output).toContain(`port ${portOf(busyHttp)} (console + API) is already in use`);
    expect(output).toContain('HTTP_PORT=');
    expect(output).toContain(`port ${portOf(busySip)} (SIP) is already in use`);
    expect(output).toContain('WEBCALL_SIP_PORT=');
    expect(existsSync(path.join(stateDir, 'mariadb'))).toBe(false);
    expect(processesOf(stateDir)).toEqual([]);
  });

  it('given an invalid port number when npm start runs then it says which variable is wrong', async () => {
    const { code, output } = await runStack({ WEBCALL_AMI_PORT: '99999' });

    expect(code).toBe(1);
    expect(output).toContain('WEBCALL_AMI_PORT=99999 is not a valid TCP/UDP port (1-65535)');
    expect(processesOf(stateDir)).toEqual([]);
  });
});

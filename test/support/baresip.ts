import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** An event of baresip's ctrl_tcp module, e.g. `{class: 'call', type: 'CALL_ESTABLISHED'}`. */
export interface BaresipEvent {
  event?: boolean;
  response?: boolean;
  class?: string;
  type?: string;
  param?: string;
  peeruri?: string;
  ok?: boolean;
  data?: string;
  token?: string;
}

export interface BaresipAccount {
  /** SIP user name = auth user name. */
  username: string;
  password: string;
  /** Registrar, e.g. `127.0.0.1:15060`. */
  server: string;
  transport?: 'udp' | 'tcp' | 'tls';
  /** Answer incoming calls by itself. */
  autoAnswer?: boolean;
  /** Loopback address the phone (and its control socket) binds to; default 127.0.0.1. */
  localIp?: string;
}

// Below Linux's ephemeral range (32768-60999), where any outgoing connection may hold a port,
// and clear of the stack profiles' fixed ports.
// BARESIP_PORTS=28200-28299 confines one run's phones to a range (runs side by side on one machine).
const PORT_RANGE = /^(\d+)-(\d+)$/.exec(process.env.BARESIP_PORTS ?? '');
const PORT_BASE = PORT_RANGE ? Number(PORT_RANGE[1]) : 30_000;
const PORT_SLOTS = PORT_RANGE ? Math.floor((Number(PORT_RANGE[2]) - PORT_BASE + 1) / 4) : 600;
let nextPort = PORT_BASE + Math.floor(Math.random() * PORT_SLOTS) * 4;
function takePorts(): number {
  nextPort += 4;
  if (nextPort >= PORT_BASE + PORT_SLOTS * 4) nextPort = PORT_BASE;
  return nextPort;
}

const running = new Set<ChildProcess>();
// A test that fails half-way (or a forced exit) must not leave phones registering forever.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A real SIP phone for tests: baresip with its text control socket (ctrl_tcp, netstring JSON).
 * Plays a 440 Hz tone as its microphone; incoming audio is discarded.
 */
export class Baresip {
  readonly events: BaresipEvent[] = [];
  private readonly waiters = new Set<{
    match: (e: BaresipEvent) => boolean;
    resolve: (e: BaresipEvent) => void;
  }>();
  private socket: net.Socket | null = null;
  private child: ChildProcess | null = null;
  private output = '';
  private buffer = Buffer.alloc(0);
  private token = 0;

  private constructor(private readonly account: BaresipAccount) {}

  static async start(account: BaresipAccount): Promise<Baresip> {
    // Another process may hold the port picked (another suite's phone, a peer of a test): try
    // the next ones before giving up.
    for (let attempt = 1; ; attempt++) {
      const phone = new Baresip(account);
      try {
        await phone.launch();
        return phone;
      } catch (err) {
        if (attempt >= 3 || !phone.output.includes('Address already in use')) throw err;
      }
    }
  }

  private async launch(): Promise<void> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-baresip-'));
    const sipPort = takePorts();
    // baresip also listens on sipPort + 1 (SIP over TLS): keep the control port clear of it.
    const ctrlPort = sipPort + 3;
    const transport = this.account.transport ?? 'udp';
    const ip = this.account.localIp ?? '127.0.0.1';
    writeFileSync(
      path.join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen ${ip}:${sipPort}`,
        `net_interface ${ip}`,
        // No sound card: incoming audio goes to an in-process bridge nobody reads.
        'audio_player aubridge,webcall',
        'audio_source ausine,440',
        // ausine only produces 48 kHz stereo; baresip converts to the call's codec.
        'ausrc_srate 48000',
        'ausrc_channels 2',
        'audio_alert aubridge,webcall-alert',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module g722.so',
        'module ausine.so',
        'module aufile.so',
        'module aubridge.so',
        'module_app account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen ${ip}:${ctrlPort}`,
        '',
      ].join('\n'),
    );
    // No account at start: it is added through the control socket once we listen, so the
    // registration events cannot happen before anyone hears them.
    writeFileSync(path.join(dir, 'accounts'), '');
    const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    this.child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        // Commands sent before the UA is up are dropped: wait for its "ready" line first.
        if (!this.output.includes('baresip is ready')) throw new Error('not ready yet');
        this.socket = await connect(ctrlPort, ip);
        break;
      } catch (err) {
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill('SIGKILL');
          throw new Error(`baresip did not open its control port:\n${this.output}`, { cause: err });
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.socket.on('data', (d: Buffer) => this.onData(d));
    const a = this.account;
    await this.command(
      `uanew <sip:${a.username}@${a.server};transport=${transport}>;auth_pass=${a.password};regint=60` +
        `${a.autoAnswer ? ';answermode=auto' : ''}`,
    );
  }

  /** Waits for an event (already received or future) matching `match`. */
  waitFor(match: (e: BaresipEvent) => boolean, timeoutMs = 15_000): Promise<BaresipEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (!this.waiters.delete(waiter)) return;
        const types = this.events.map((e) => e.type ?? (e.response ? 'response' : '?')).join(', ');
        reject(
          new Error(`baresip ${this.account.username}: no matching event in ${timeoutMs} ms (saw: ${types})`),
        );
      }, timeoutMs);
    });
  }

  waitForType(type: string, timeoutMs?: number): Promise<BaresipEvent> {
    return this.waitFor((e) => e.type === type, timeoutMs);
  }

  /** Forgets the events so far (e.g. before the next call). */
  clearEvents(): void {
    this.events.length = 0;
  }

  /** Runs a menu command (`dial 1002`, `accept`, `hangup`) and returns its response. */
  async command(line: string): Promise<BaresipEvent> {
    const [command, ...rest] = line.split(' ');
    const token = String(++this.token);
    const body = JSON.stringify({ command, params: rest.join(' '), token });
    this.socket!.write(`${Buffer.byteLength(body)}:${body},`);
    return this.waitFor((e) => e.response === true && e.token === token, 5_000);
  }

  dial(number: string): Promise<BaresipEvent> {
    return this.command(`dial ${number}`);
  }

  log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    // Netstrings: <length in bytes>:<payload>,
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length + 1) return;
      const payload = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      this.buffer = this.buffer.subarray(colon + 1 + length + 1);
      let event: BaresipEvent;
      try {
        event = JSON.parse(payload) as BaresipEvent;
      } catch {
        continue;
      }
      this.events.push(event);
      for (const w of [...this.waiters]) {
        if (w.match(event)) {
          this.waiters.delete(w);
          w.resolve(event);
        }
      }
    }
  }
}

function connect(port: number, host: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

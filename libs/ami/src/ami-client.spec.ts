import { AmiClient, type AmiClientOptions, type AmiLogger } from './ami-client.js';
import {
  AmiActionError,
  AmiAuthError,
  AmiError,
  AmiNotConnectedError,
  AmiTimeoutError,
} from './ami-errors.js';
import { type AmiMessage } from './ami-protocol.js';
import { FakeAmiServer, eventually, trackHandles, type FakeAmiSession } from './ami-server.fake.js';

interface LogLine {
  level: keyof AmiLogger;
  message: string;
  details?: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[]): AmiLogger {
  const at =
    (level: keyof AmiLogger) =>
    (message: string, details?: Record<string, unknown>): void => {
      lines.push({ level, message, details });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Settles a promise into a value we can assert on without unhandled rejections. */
function outcome<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AmiClient', () => {
  let server: FakeAmiServer;
  let logs: LogLine[];
  const clients: AmiClient[] = [];

  function newClient(overrides: Partial<AmiClientOptions> = {}): AmiClient {
    const client = new AmiClient({
      port: server.port,
      username: 'webcall',
      secret: 'secret',
      logger: recordingLogger(logs),
      actionTimeoutMs: 1_000,
      keepAliveIntervalMs: 0,
      reconnect: { initialDelayMs: 5, maxDelayMs: 40 },
      ...overrides,
    });
    clients.push(client);
    return client;
  }

  async function connectedClient(overrides: Partial<AmiClientOptions> = {}): Promise<AmiClient> {
    const client = newClient(overrides);
    client.start();
    await client.waitUntilConnected(5_000);
    return client;
  }

  beforeEach(async () => {
    logs = [];
    server = await FakeAmiServer.start();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
    await server.close();
  });

  describe('connecting', () => {
    it('logs in with the credentials and the Events mask, then reports connected', async () => {
      const client = newClient({ events: 'call,system' });
      const connected: number[] = [];
      client.on('connected', () => connected.push(Date.now()));
      expect(client.isConnected).toBe(false);

      client.start();
      await client.waitUntilConnected(5_000);

      expect(client.isConnected).toBe(true);
      expect(connected).toHaveLength(1);
      expect(client.banner).toBe('Asterisk Call Manager/11.0.0');
      const [login] = server.actionsNamed('Login');
      expect(login).toMatchObject({
        Action: 'Login',
        Username: 'webcall',
        Secret: 'secret',
        Events: 'call,system',
      });
      expect(logs.some((line) => JSON.stringify(line).includes('secret'))).toBe(false);
    });

    it('refuses CR/LF in the credentials or the events mask at construction', () => {
      expect(() => newClient({ secret: 'x\r\nAction: Originate' })).toThrow(AmiError);
      expect(() => newClient({ username: 'a\nb' })).toThrow(AmiError);
      expect(() => newClient({ events: 'on\r\n' })).toThrow(/header injection/);
    });

    it('defaults to Events: on', async () => {
      await connectedClient();
      expect(server.actionsNamed('Login')[0]?.['Events']).toBe('on');
    });

    it('start() is idempotent', async () => {
      const client = newClient();
      client.start();
      client.start();
      await client.waitUntilConnected(5_000);
      expect(server.connectionCount).toBe(1);
    });

    it('waitUntilConnected rejects with AmiTimeoutError when Asterisk is unreachable', async () => {
      await server.close();
      const client = newClient();
      client.start();
      await expect(client.waitUntilConnected(60)).rejects.toBeInstanceOf(AmiTimeoutError);
      expect(client.isConnected).toBe(false);
    });

    it('works when every byte from Asterisk arrives in its own TCP chunk', async () => {
      server.chunkSize = 1;
      server.handle('Command', () => ({
        Response: 'Success',
        Message: 'Command output follows',
        Output: ['Zoë 電話 line', '  indented'],
      }));
      // One byte per tick is slow on a loaded machine (and under --detectOpenHandles).
      const client = await connectedClient({ actionTimeoutMs: 10_000 });
      const events: AmiMessage[] = [];
      client.on('event:Newchannel', (event) => events.push(event));

      server.pushEvent({ Event: 'Newchannel', CallerIDName: 'Zoë Ærø 電話' });
      await expect(client.command('core show channels')).resolves.toEqual(['Zoë 電話 line', '  indented']);
      await eventually(() => expect(events).toEqual([{ Event: 'Newchannel', CallerIDName: 'Zoë Ærø 電話' }]));
    }, 20_000);

    it('drops and retries a connection that never sends the banner (connect timeout)', async () => {
      server.mute = true;
      const client = newClient({ connectTimeoutMs: 30 });
      client.start();
      await eventually(() => expect(server.connectionCount).toBeGreaterThanOrEqual(3));
      server.mute = false;
      await client.waitUntilConnected(5_000);
      expect(client.isConnected).toBe(true);
    });
  });

  describe('actions', () => {
    it('sets a unique counter-based ActionID with a per-client prefix', async () => {
      const first = await connectedClient();
      const second = await connectedClient();
      for (let i = 0; i < 3; i++) {
        await first.action({ Action: 'Ping' });
        await second.action({ Action: 'Ping' });
      }
      const ids = server.actionsNamed('Ping').map((action) => action['ActionID'] ?? '');
      expect(new Set(ids).size).toBe(6);
      const split = ids.map((id) => /^(.+)\.(\d+)$/.exec(id));
      expect(split.every(Boolean)).toBe(true);
      const prefixes = new Set(split.map((match) => match?.[1]));
      expect(prefixes.size).toBe(2);
      // The counter only grows within a client (Login was 1).
      const firstCounters = split
        .filter((match) => match?.[1] === split[0]?.[1])
        .map((match) => Number(match?.[2]));
      expect(firstCounters).toEqual([2, 3, 4]);
    });

    it('resolves with the response and keeps its ActionID', async () => {
      const client = await connectedClient();
      const response = await client.action({ Action: 'Ping' });
      expect(response).toMatchObject({ Response: 'Success', Ping: 'Pong' });
      expect(response['ActionID']).toBe(server.actionsNamed('Ping')[0]?.['ActionID']);
    });

    it('matches responses arriving in a different order than the actions', async () => {
      const held: { action: AmiMessage; session: FakeAmiSession }[] = [];
      server.handle('GetVar', (action, session) => {
        held.push({ action, session });
        if (held.length === 3) {
          for (const { action: request, session: s } of [...held].reverse()) {
            s.reply(request, {
              Response: 'Success',
              Variable: request['Variable'] ?? '',
              Value: `v-${request['Variable']}`,
            });
          }
        }
      });
      const client = await connectedClient();
      const results = await Promise.all(
        ['A', 'B', 'C'].map((name) => client.action({ Action: 'GetVar', Variable: name })),
      );
      expect(results.map((response) => response['Value'])).toEqual(['v-A', 'v-B', 'v-C']);
    });

    it('writes array fields as repeated headers', async () => {
      server.handle('Originate', () => ({ Response: 'Success', Message: 'Originate successfully queued' }));
      const client = await connectedClient();
      await client.action({
        Action: 'Originate',
        Channel: 'PJSIP/t42-1001',
        Variable: ['A=1', 'B=2'],
        Timeout: 30000,
      });
      expect(server.actionsNamed('Originate')[0]).toMatchObject({ Variable: 'A=1\nB=2', Timeout: '30000' });
    });

    it('resolves on Response: Goodbye and Response: Follows', async () => {
      server.handle('Custom1', () => ({ Response: 'Goodbye' }));
      server.handle('Custom2', () => ({ Response: 'Follows', Privilege: 'Command' }));
      const client = await connectedClient();
      await expect(client.action({ Action: 'Custom1' })).resolves.toMatchObject({ Response: 'Goodbye' });
      await expect(client.action({ Action: 'Custom2' })).resolves.toMatchObject({ Response: 'Follows' });
    });

    it('rejects with AmiActionError carrying the message and the response on Response: Error', async () => {
      server.handle('Hangup', () => ({ Response: 'Error', Message: 'No such channel' }));
      const client = await connectedClient();
      const result = await outcome(client.action({ Action: 'Hangup', Channel: 'PJSIP/nope' }));
      expect(result).toEqual({ error: expect.any(AmiActionError) });
      const error = (result as { error: AmiActionError }).error;
      expect(error.message).toBe('No such channel');
      expect(error.action).toBe('Hangup');
      expect(error.code).toBe('AMI_ACTION_FAILED');
      expect(error.response).toMatchObject({ Response: 'Error', Message: 'No such channel' });
      expect(error).toBeInstanceOf(AmiError);
    });

    it('rejects with AmiTimeoutError after the per-call timeout and ignores the late response', async () => {
      const late: (() => void)[] = [];
      server.handle('Slow', (action, session) => {
        late.push(() => session.reply(action, { Response: 'Success' }));
      });
      const client = await connectedClient();
      const started = Date.now();
      const result = await outcome(client.action({ Action: 'Slow' }, { timeoutMs: 40 }));
      expect(result).toEqual({ error: expect.any(AmiTimeoutError) });
      expect(Date.now() - started).toBeLessThan(900); // not the 1000 ms default
      expect((result as { error: AmiTimeoutError }).error.timeoutMs).toBe(40);

      late.forEach((send) => send());
      await eventually(() =>
        expect(logs.some((line) => line.message.startsWith('AMI response without pending'))).toBe(true),
      );
      await expect(client.action({ Action: 'Ping' })).resolves.toMatchObject({ Ping: 'Pong' });
    });

    it('uses actionTimeoutMs by default', async () => {
      server.handle('Slow', () => undefined);
      const client = await connectedClient({ actionTimeoutMs: 50 });
      await expect(client.action({ Action: 'Slow' })).rejects.toMatchObject({
        code: 'AMI_TIMEOUT',
        timeoutMs: 50,
      });
    });

    it('rejects with AmiNotConnectedError before start and after stop (no queueing)', async () => {
      const client = newClient();
      await expect(client.action({ Action: 'Ping' })).rejects.toBeInstanceOf(AmiNotConnectedError);
      client.start();
      await client.waitUntilConnected(5_000);
      await client.stop();
      await expect(client.action({ Action: 'Ping' })).rejects.toBeInstanceOf(AmiNotConnectedError);
      expect(server.actionsNamed('Ping')).toHaveLength(0);
    });

    it('refuses header injection without sending anything', async () => {
      const client = await connectedClient();
      const before = server.actions.length;
      await expect(
        client.action({
          Action: 'Setvar',
          Variable: 'X',
          Value: 'v\r\n\r\nAction: Originate\r\nChannel: PJSIP/evil',
        }),
      ).rejects.toBeInstanceOf(AmiError);
      await expect(
        client.action({ Action: 'Originate', Variable: ['A=1', 'B=2\nAction: Command'] }),
      ).rejects.toThrow(/header injection/);
      await expect(client.action({ Action: 'Ping' })).resolves.toBeDefined();
      expect(server.actions.slice(before).map((action) => action['Action'])).toEqual(['Ping']);
    });

    it('refuses a caller-supplied ActionID', async () => {
      const client = await connectedClient();
      await expect(client.action({ Action: 'Ping', ActionID: 'mine' })).rejects.toThrow(/ActionID/);
      await expect(client.action({ Action: 'Ping', actionid: 'mine' })).rejects.toBeInstanceOf(AmiError);
    });
  });

  describe('actionList', () => {
    function channel(name: string): Record<string, string> {
      return { Event: 'CoreShowChannel', Channel: name, ChannelStateDesc: 'Up' };
    }

    it('collects the events of an EventList until EventList: Complete', async () => {
      server.handle('CoreShowChannels', (action, session) => {
        session.reply(action, { Response: 'Success', EventList: 'start', Message: 'Channels will follow' });
        session.reply(action, channel('PJSIP/a-1'));
        // An unrelated event in the middle of the list is still an ordinary event.
        session.send({ Event: 'Hangup', Channel: 'PJSIP/z-9' });
        session.reply(action, channel('PJSIP/b-2'));
        session.reply(action, { Event: 'CoreShowChannelsComplete', EventList: 'Complete', ListItems: '2' });
      });
      const client = await connectedClient();
      const seen: string[] = [];
      client.on('event', (event) => seen.push(event['Event'] ?? '?'));

      const list = await client.actionList({ Action: 'CoreShowChannels' });

      expect(list.response).toMatchObject({ Response: 'Success', EventList: 'start' });
      expect(list.events.map((event) => event['Channel'])).toEqual(['PJSIP/a-1', 'PJSIP/b-2']);
      expect(list.complete).toMatchObject({ Event: 'CoreShowChannelsComplete', ListItems: '2' });
      expect(seen).toEqual(['Hangup']);
    });

    it('handles an empty list and lists split into 1-byte chunks', async () => {
      server.chunkSize = 1;
      server.handle('PJSIPShowEndpoints', () => [
        { Response: 'Success', EventList: 'start', Message: 'A listing of Endpoints follows' },
        { Event: 'EndpointList', ObjectName: 't42-1001', DeviceState: 'Not in use' },
        { Event: 'EndpointListComplete', EventList: 'Complete', ListItems: '1' },
      ]);
      server.handle('CoreShowChannels', () => [
        { Response: 'Success', EventList: 'start' },
        { Event: 'CoreShowChannelsComplete', EventList: 'Complete', ListItems: '0' },
      ]);
      const client = await connectedClient({ actionTimeoutMs: 10_000 });
      const [endpoints, channels] = await Promise.all([
        client.actionList({ Action: 'PJSIPShowEndpoints' }),
        client.actionList({ Action: 'CoreShowChannels' }),
      ]);
      expect(endpoints.events).toEqual([expect.objectContaining({ ObjectName: 't42-1001' })]);
      expect(channels.events).toEqual([]);
    }, 20_000);

    it('ends the list at completeEvent when the final event lacks EventList: Complete', async () => {
      server.handle('Status', () => [
        { Response: 'Success', Message: 'Channel status will follow' },
        { Event: 'Status', Channel: 'PJSIP/a-1' },
        { Event: 'StatusComplete', Items: '1' },
      ]);
      const client = await connectedClient();
      const list = await client.actionList({ Action: 'Status' }, { completeEvent: 'StatusComplete' });
      expect(list.events).toHaveLength(1);
      expect(list.complete).toMatchObject({ Event: 'StatusComplete' });
    });

    it('rejects with AmiActionError when the action fails', async () => {
      server.handle('PJSIPShowEndpoints', () => ({ Response: 'Error', Message: 'No endpoints found' }));
      const client = await connectedClient();
      await expect(client.actionList({ Action: 'PJSIPShowEndpoints' })).rejects.toMatchObject({
        name: 'AmiActionError',
        message: 'No endpoints found',
      });
    });

    it('times out when the completion event never comes', async () => {
      server.handle('CoreShowChannels', () => [
        { Response: 'Success', EventList: 'start' },
        channel('PJSIP/a-1'),
      ]);
      const client = await connectedClient();
      await expect(
        client.actionList({ Action: 'CoreShowChannels' }, { timeoutMs: 40 }),
      ).rejects.toBeInstanceOf(AmiTimeoutError);
    });
  });

  describe('command', () => {
    it('returns the Output lines', async () => {
      server.handle('Command', (action) => ({
        Response: 'Success',
        Message: 'Command output follows',
        Output: [`ran ${action['Command']}`, '', '  2 lines'],
      }));
      const client = await connectedClient();
      await expect(client.command('pjsip show endpoints')).resolves.toEqual([
        'ran pjsip show endpoints',
        '',
        '  2 lines',
      ]);
    });

    it('returns [] for a command without output', async () => {
      server.handle('Command', () => ({ Response: 'Success', Message: 'Command output follows' }));
      const client = await connectedClient();
      await expect(client.command('module reload res_pjsip.so')).resolves.toEqual([]);
    });

    it('rejects with the output as message when the command fails', async () => {
      server.handle('Command', () => ({
        Response: 'Error',
        Message: 'Command output follows',
        Output: "No such command 'bogus' (type 'core show help bogus' for other possible commands)",
      }));
      const client = await connectedClient();
      await expect(client.command('bogus')).rejects.toMatchObject({
        name: 'AmiActionError',
        message: expect.stringContaining("No such command 'bogus'"),
      });
    });
  });

  describe('events', () => {
    it('emits every unsolicited event as event, event:<Name> and FullyBooted', async () => {
      const client = newClient();
      const all: string[] = [];
      const hangups: AmiMessage[] = [];
      const booted: AmiMessage[] = [];
      client.on('event', (event) => all.push(event['Event'] ?? '?'));
      client.on('event:Hangup', (event) => hangups.push(event));
      client.on('FullyBooted', (event) => booted.push(event));
      client.start();
      await client.waitUntilConnected(5_000);

      server.pushEvent({ Event: 'Newchannel', Channel: 'PJSIP/a-1' });
      server.pushEvent({ Event: 'Hangup', Channel: 'PJSIP/a-1', Cause: '16', ChanVariable: ['A=1', 'B=2'] });

      await eventually(() => expect(all).toEqual(['FullyBooted', 'Newchannel', 'Hangup']));
      expect(hangups).toEqual([
        { Event: 'Hangup', Channel: 'PJSIP/a-1', Cause: '16', ChanVariable: 'A=1\nB=2' },
      ]);
      expect(booted).toEqual([expect.objectContaining({ Status: 'Fully Booted' })]);
    });

    it('emits events that carry the ActionID of an already answered action (OriginateResponse)', async () => {
      server.handle('Originate', (action, session) => {
        session.reply(action, { Response: 'Success', Message: 'Originate successfully queued' });
        session.reply(action, { Event: 'OriginateResponse', Response: 'Success', Channel: 'PJSIP/t1-1' });
      });
      const client = await connectedClient();
      const seen: AmiMessage[] = [];
      client.on('event:OriginateResponse', (event) => seen.push(event));
      await client.action({ Action: 'Originate', Channel: 'PJSIP/t1-1', Async: 'true' });
      // An event is told apart from a response by its Event header, even with a Response header.
      await eventually(() => expect(seen).toEqual([expect.objectContaining({ Response: 'Success' })]));
    });

    it('keeps parsing when a listener throws or an async listener rejects', async () => {
      const client = await connectedClient();
      const seen: string[] = [];
      client.on('event:Boom', () => {
        throw new Error('listener bug');
      });
      client.on('event:AsyncBoom', async () => {
        throw new Error('async listener bug');
      });
      client.on('event', (event) => seen.push(event['Event'] ?? '?'));
      server.pushEvent({ Event: 'Boom' });
      server.pushEvent({ Event: 'AsyncBoom' });
      server.pushEvent({ Event: 'After' });
      await eventually(() => expect(seen).toEqual(['Boom', 'AsyncBoom', 'After']));
      await eventually(() =>
        expect(logs.filter((line) => line.level === 'error').map((line) => line.details?.['error'])).toEqual([
          'listener bug',
          'async listener bug',
        ]),
      );
      expect(client.isConnected).toBe(true);
    });
  });

  describe('reconnecting', () => {
    it('reconnects and logs in again when Asterisk drops the socket, rejecting pending actions', async () => {
      server.handle('Slow', () => undefined);
      const client = await connectedClient();
      const disconnects: string[] = [];
      let connects = 0;
      client.on('disconnected', (reason) => disconnects.push(reason));
      client.on('connected', () => connects++);
      const pending = outcome(client.action({ Action: 'Slow' }));
      await eventually(() => expect(server.actionsNamed('Slow')).toHaveLength(1));

      server.dropConnections();

      await expect(pending).resolves.toEqual({ error: expect.any(AmiNotConnectedError) });
      expect(disconnects).toEqual(['connection closed by Asterisk']);
      await eventually(() => expect(connects).toBe(1));
      expect(client.isConnected).toBe(true);
      expect(server.actionsNamed('Login')).toHaveLength(2);
      await expect(client.action({ Action: 'Ping' })).resolves.toMatchObject({ Ping: 'Pong' });
    });

    it('keeps retrying with capped backoff while Asterisk is down, then reconnects', async () => {
      const client = await connectedClient({ reconnect: { initialDelayMs: 2, maxDelayMs: 20 } });
      const disconnected = deferred();
      client.on('disconnected', () => disconnected.resolve());

      await server.close();
      await disconnected.promise;
      await eventually(() =>
        expect(
          logs.filter((line) => line.message === 'AMI connection attempt failed; retrying').length,
        ).toBeGreaterThan(8),
      );
      const delays = logs
        .filter((line) => line.message === 'AMI connection attempt failed; retrying')
        .map((line) => Number(line.details?.['delayMs']));
      expect(Math.max(...delays)).toBeLessThanOrEqual(20);
      expect(delays.slice(-3).every((delay) => delay >= 10)).toBe(true); // capped, jittered to 50–100 %
      expect(client.isConnected).toBe(false);
      await expect(client.action({ Action: 'Ping' })).rejects.toBeInstanceOf(AmiNotConnectedError);

      await server.listen();
      await client.waitUntilConnected(5_000);
      expect(server.actionsNamed('Login')).toHaveLength(2);
    });

    it('drops a silent connection after the keep-alive Ping times out and reconnects', async () => {
      const client = await connectedClient({ keepAliveIntervalMs: 10, keepAliveTimeoutMs: 200 });
      await eventually(() => expect(server.actionsNamed('Ping').length).toBeGreaterThanOrEqual(3));
      expect(client.isConnected).toBe(true);
      const disconnects: string[] = [];
      client.on('disconnected', (reason) => disconnects.push(reason));

      server.silent = true;
      await eventually(() => expect(disconnects).toEqual(['keep-alive timeout']));
      server.silent = false;
      await client.waitUntilConnected(5_000);
      const pingsBefore = server.actionsNamed('Ping').length;
      await eventually(() => expect(server.actionsNamed('Ping').length).toBeGreaterThan(pingsBefore));
    });

    it('on refused login emits AmiAuthError, keeps retrying, and connects once the secret is right', async () => {
      server.secret = 'rotated';
      const client = newClient();
      const errors: AmiError[] = [];
      client.on('error', (error) => errors.push(error));
      client.start();

      await eventually(() => expect(errors.length).toBeGreaterThanOrEqual(3));
      expect(errors[0]).toBeInstanceOf(AmiAuthError);
      expect(errors[0]).toMatchObject({
        code: 'AMI_AUTH_FAILED',
        message: expect.stringContaining('Authentication failed'),
      });
      expect(errors[0]?.message).not.toContain('secret');
      expect(client.isConnected).toBe(false);

      server.secret = 'secret';
      await client.waitUntilConnected(5_000);
      expect(client.isConnected).toBe(true);
    });

    it('does not crash on refused login when nobody listens for error', async () => {
      server.secret = 'rotated';
      const client = newClient();
      client.start();
      await eventually(() => expect(server.actionsNamed('Login').length).toBeGreaterThanOrEqual(3));
      expect(logs.some((line) => line.level === 'error' && line.message.includes('refused'))).toBe(true);
      expect(client.isConnected).toBe(false);
    });

    it('drops the connection on a protocol error and reconnects', async () => {
      const client = await connectedClient();
      const errors: AmiError[] = [];
      client.on('error', (error) => errors.push(error));
      const disconnects: string[] = [];
      client.on('disconnected', (reason) => disconnects.push(reason));
      const [session] = server.sessions;
      session?.sendRaw(`Event: Huge\r\nData: ${'x'.repeat(1024 * 1024 + 10)}\r\n\r\n`);
      await eventually(() => expect(disconnects).toEqual([expect.stringContaining('protocol error')]));
      expect(errors[0]?.code).toBe('AMI_PROTOCOL_ERROR');
      await client.waitUntilConnected(5_000);
    });
  });

  describe('stop', () => {
    let handles: ReturnType<typeof trackHandles> | undefined;

    afterEach(() => handles?.dispose());

    it('sends Logoff, rejects pending actions and leaves no sockets or timers behind', async () => {
      server.handle('Slow', () => undefined);
      handles = trackHandles();
      // Long timers, so that a leaked one is still there when the handles are compared.
      const client = await connectedClient({ keepAliveIntervalMs: 10_000 });
      const disconnects: string[] = [];
      client.on('disconnected', (reason) => disconnects.push(reason));
      const pending = outcome(client.action({ Action: 'Slow' }, { timeoutMs: 5_000 }));
      await eventually(() => expect(server.actionsNamed('Slow')).toHaveLength(1));

      await client.stop();

      expect(server.actionsNamed('Logoff')).toHaveLength(1);
      await expect(pending).resolves.toEqual({ error: expect.any(AmiNotConnectedError) });
      expect(client.isConnected).toBe(false);
      expect(disconnects).toHaveLength(1);
      await eventually(() => expect(handles?.alive()).toEqual([]));
      expect(server.connectionCount).toBe(1);
    });

    it('stops while Asterisk is down: no reconnect timer survives', async () => {
      await server.close();
      handles = trackHandles();
      const client = newClient({ reconnect: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
      client.start();
      const waiting = outcome(client.waitUntilConnected(5_000));
      await eventually(() =>
        expect(logs.some((line) => line.message === 'AMI connection attempt failed; retrying')).toBe(true),
      );
      await client.stop();
      await expect(waiting).resolves.toEqual({ error: expect.any(AmiNotConnectedError) });
      expect(logs.some((line) => line.message.startsWith('AMI connected'))).toBe(false);
      await eventually(() => expect(handles?.alive()).toEqual([]));
    });

    it('still closes when Asterisk does not answer Logoff', async () => {
      const client = await connectedClient({ actionTimeoutMs: 50 });
      server.silent = true;
      await client.stop();
      expect(server.actionsNamed('Logoff')).toHaveLength(1);
      expect(client.isConnected).toBe(false);
    });

    it('is idempotent and the client can be started again', async () => {
      const client = await connectedClient();
      await Promise.all([client.stop(), client.stop()]);
      await client.stop();
      client.start();
      await client.waitUntilConnected(5_000);
      expect(server.actionsNamed('Login')).toHaveLength(2);
    });

    it('start() during stop() restarts once the stop completes', async () => {
      const client = await connectedClient();
      const stopping = client.stop();
      client.start();
      await stopping;
      await client.waitUntilConnected(5_000);
      expect(server.actionsNamed('Login')).toHaveLength(2);
    });
  });
});

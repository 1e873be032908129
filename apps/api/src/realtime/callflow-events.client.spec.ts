import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallEvent, CallflowCommand, CallflowStreamEvent } from '#contracts';
import { CallflowEventsClient } from './callflow-events.client.js';

const quiet = { log: () => undefined, warn: () => undefined };
const ended: CallEvent = {
  type: 'call.ended',
  tenantId: 7,
  extension: '1001',
  payload: { channelId: 'leg-1' },
};

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A stand-in for callflow's /events that records the Authorization headers it saw. */
async function eventServer(port = 0) {
  const headers: (string | undefined)[] = [];
  const clients: WebSocket[] = [];
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer();
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    headers.push(req.headers.authorization);
    wss.handleUpgrade(req, socket, head, (ws) => clients.push(ws));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = async () => {
    for (const c of clients) c.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { headers, clients, port: (server.address() as AddressInfo).port, close };
}

describe('CallflowEventsClient', () => {
  it('given callflow up when the client starts then it presents the token and passes on well-formed events only', async () => {
    const server = await eventServer();
    const events: CallflowStreamEvent[] = [];
    const client = new CallflowEventsClient({
      url: `ws://127.0.0.1:${server.port}/events`,
      token: 'the-token',
      onEvent: (e) => events.push(e),
      logger: quiet,
    });
    client.start();
    await until(() => server.clients.length === 1 && client.isConnected);

    expect(server.headers).toEqual(['Bearer the-token']);
    server.clients[0].send('not json');
    server.clients[0].send(
      JSON.stringify({ type: 'call.incoming', tenantId: 7, extension: '1001', payload: {} }),
    );
    server.clients[0].send(JSON.stringify({ ...ended, tenantId: '7' }));
    server.clients[0].send(JSON.stringify(ended));
    await until(() => events.length === 1);
    expect(events).toEqual([ended]);

    client.stop();
    await server.close();
  });

  it('given callflow restarts when its socket closes then the client reconnects by itself', async () => {
    const first = await eventServer();
    const client = new CallflowEventsClient({
      url: `ws://127.0.0.1:${first.port}/events`,
      token: 't',
      onEvent: () => undefined,
      logger: quiet,
      minDelayMs: 10,
      maxDelayMs: 50,
    });
    client.start();
    await until(() => client.isConnected);
    await first.close();
    await until(() => !client.isConnected);

    const second = await eventServer(first.port);
    await until(() => second.clients.length === 1 && client.isConnected);

    client.stop();
    await second.close();
  });

  it('given a connection when a command is sent then callflow receives it as JSON; when not connected it is dropped', async () => {
    const server = await eventServer();
    const states: boolean[] = [];
    const client = new CallflowEventsClient({
      url: `ws://127.0.0.1:${server.port}/events`,
      token: 't',
      onEvent: () => undefined,
      onConnection: (connected) => states.push(connected),
      logger: quiet,
      minDelayMs: 10,
      maxDelayMs: 50,
    });
    const command: CallflowCommand = { type: 'agents.changed', tenantId: 7, userIds: [11] };
    expect(client.send(command)).toBe(false);
    client.start();
    await until(() => server.clients.length === 1 && client.isConnected);
    const received: unknown[] = [];
    server.clients[0].on('message', (data) => received.push(JSON.parse(String(data))));
    expect(client.send(command)).toBe(true);
    await until(() => received.length === 1);
    expect(received).toEqual([command]);
    await server.close();
    await until(() => !client.isConnected);
    expect(client.send(command)).toBe(false);
    expect(states).toEqual([true, false]);
    client.stop();
  });

  it('given a queue.state event when it arrives then it is passed on like call events', async () => {
    const server = await eventServer();
    const events: unknown[] = [];
    const client = new CallflowEventsClient({
      url: `ws://127.0.0.1:${server.port}/events`,
      token: 't',
      onEvent: (e) => events.push(e),
      logger: quiet,
    });
    client.start();
    await until(() => server.clients.length === 1 && client.isConnected);
    const state = {
      type: 'queue.state',
      tenantId: 7,
      payload: { queueId: 1, name: 'Q', waiting: [], longestWaitS: 0, agents: [] },
    };
    server.clients[0].send(JSON.stringify({ ...state, payload: { ...state.payload, agents: 'all' } }));
    server.clients[0].send(JSON.stringify(state));
    await until(() => events.length === 1);
    expect(events).toEqual([state]);
    client.stop();
    await server.close();
  });
});

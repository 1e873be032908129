import { AriClient } from './ari-client.js';
import {
  AriBadRequestError,
  AriConflictError,
  AriConnectionError,
  AriError,
  AriNotFoundError,
  AriTimeoutError,
} from './ari-errors.js';
import { fakeChannel } from './ari-events.fake.js';
import { FakeAriServer } from './fake-ari-server.fake.js';

describe('AriClient REST', () => {
  let server: FakeAriServer;
  let client: AriClient;

  beforeEach(async () => {
    server = await FakeAriServer.start({ username: 'webcall', password: 's3cret' });
    client = new AriClient({ url: server.url, username: 'webcall', password: 's3cret', app: 'webcall' });
  });

  afterEach(async () => {
    await client.stop();
    await server.close();
  });

  const basic = `Basic ${Buffer.from('webcall:s3cret').toString('base64')}`;

  it('given requests on two channels and a list then requestCounts counts them by route with ids masked', async () => {
    server.route('GET', '/channels', { status: 200, body: [] });
    await client.channels.answer({ channelId: '1700000000.42' });
    await client.channels.answer({ channelId: '1700000000.43' });
    await client.channels.list();
    expect(Object.fromEntries(client.requestCounts)).toEqual({
      'POST /channels/:id/answer': 2,
      'GET /channels': 1,
    });
  });

  it('given channels.answer then it POSTs the channel path with basic auth and no body', async () => {
    await expect(client.channels.answer({ channelId: '1700000000.42' })).resolves.toBeUndefined();
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/channels/1700000000.42/answer',
        rawQuery: '',
        body: undefined,
        authorization: basic,
      }),
    ]);
  });

  it('given ids with reserved characters then path segments are percent-encoded', async () => {
    await client.channels.hangup({ channelId: 'a/b c?', reason: 'busy' });
    const [request] = server.requests;
    expect(request.rawPath).toBe('/channels/a%2Fb%20c%3F');
    expect(request.method).toBe('DELETE');
    expect(request.query).toEqual({ reason: 'busy' });
  });

  it('given several media then they are sent comma-separated and the Playback is returned', async () => {
    server.route('POST', '/channels/c1/play', (req) => ({
      body: {
        id: req.query.playbackId,
        media_uri: req.query.media,
        target_uri: 'channel:c1',
        state: 'queued',
      },
    }));
    const playback = await client.channels.play({
      channelId: 'c1',
      media: ['sound:hello-world', 'digits:42'],
      playbackId: 'pb-1',
    });
    expect(playback).toEqual({
      id: 'pb-1',
      media_uri: 'sound:hello-world,digits:42',
      target_uri: 'channel:c1',
      state: 'queued',
    });
    expect(server.requests[0].rawQuery).toBe('media=sound%3Ahello-world,digits%3A42&playbackId=pb-1');
  });

  it('given originate with variables then query params go in the query and variables in a JSON body', async () => {
    server.route('POST', '/channels', (req) => ({ body: fakeChannel(req.query.channelId) }));
    const channel = await client.channels.originate({
      endpoint: 'PJSIP/t1-1001',
      app: 'webcall',
      appArgs: 'outbound,t1',
      channelId: 'out-1',
      timeout: 30,
      variables: { 'CALLERID(name)': 'Alice', CALL_STATE: { value: 'dialing', report_events: true } },
    });
    expect(channel.id).toBe('out-1');
    const [request] = server.requests;
    expect(request.query).toEqual({
      endpoint: 'PJSIP/t1-1001',
      app: 'webcall',
      appArgs: 'outbound,t1',
      channelId: 'out-1',
      timeout: '30',
    });
    expect(request.contentType).toBe('application/json');
    expect(request.body).toEqual({
      variables: { 'CALLERID(name)': 'Alice', CALL_STATE: { value: 'dialing', report_events: true } },
    });
  });

  it('given optional body params left out then no body is sent', async () => {
    await client.bridges.create({ type: 'mixing', bridgeId: 'b1' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/bridges', body: undefined });
    expect(server.requests[0].query).toEqual({ type: 'mixing', bridgeId: 'b1' });
  });

  it('given updateObject then fields are sent as {"fields": [...]} with PUT', async () => {
    const fields = [
      { attribute: 'type', value: 'endpoint' },
      { attribute: 'auth', value: 't1-1001' },
    ];
    server.route('PUT', '/asterisk/config/dynamic/res_pjsip/endpoint/t1-1001', { body: fields });
    const result = await client.asterisk.updateObject({
      configClass: 'res_pjsip',
      objectType: 'endpoint',
      id: 't1-1001',
      fields,
    });
    expect(result).toEqual(fields);
    expect(server.requests[0].body).toEqual({ fields });
  });

  it('given an object body param then it is the whole body', async () => {
    const filter = { allowed: [{ type: 'StasisStart' }] };
    await client.applications.filter({ applicationName: 'webcall', filter });
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/applications/webcall/eventFilter',
      body: filter,
    });
  });

  it('given lists, booleans and numbers then they are encoded as ARI expects', async () => {
    await client.bridges.addChannel({ bridgeId: 'b1', channel: ['c1', 'c2'], mute: true, absorbDTMF: false });
    await client.asterisk.getInfo({ only: ['build', 'status'] });
    await client.asterisk.getInfo();
    expect(server.requests.map((r) => r.rawQuery)).toEqual([
      'channel=c1,c2&absorbDTMF=false&mute=true',
      'only=build,status',
      '',
    ]);
  });

  it('given a binary answer then getStoredFile resolves an ArrayBuffer', async () => {
    server.route('GET', '/recordings/stored/call-1/file', { body: Buffer.from([1, 2, 3]) });
    const file = await client.recordings.getStoredFile({ recordingName: 'call-1' });
    expect(file).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(file)]).toEqual([1, 2, 3]);
  });

  it('given the request escape hatch then it reaches any path with a query', async () => {
    server.route('GET', '/asterisk/ping', { body: { asterisk_id: 'x', ping: 'pong', timestamp: 't' } });
    await expect(
      client.request('GET', '/asterisk/ping', { query: { a: 1, b: undefined } }),
    ).resolves.toMatchObject({
      ping: 'pong',
    });
    expect(server.requests[0].rawQuery).toBe('a=1');
    await expect(client.request('GET', 'asterisk/ping')).rejects.toThrow(TypeError);
  });

  describe('errors', () => {
    it('given 404 then AriNotFoundError carries status, method, path and the body', async () => {
      server.route('POST', '/channels/gone/answer', { status: 404, body: { message: 'Channel not found' } });
      const error = await client.channels.answer({ channelId: 'gone' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriNotFoundError);
      expect(error).toBeInstanceOf(AriError);
      expect(error).toMatchObject({
        status: 404,
        method: 'POST',
        path: '/channels/gone/answer',
        body: { message: 'Channel not found' },
        code: 'ARI_NOT_FOUND',
        name: 'AriNotFoundError',
      });
      expect((error as Error).message).toContain('Channel not found');
    });

    it.each([
      [409, AriConflictError, 'Channel not in Stasis application'],
      [400, AriBadRequestError, 'Invalid parameters'],
      [422, AriBadRequestError, 'Unprocessable'],
    ])('given %i then it rejects with %p', async (status, errorClass, message) => {
      server.route('POST', '/channels/c1/answer', { status, body: { message } });
      const error = await client.channels.answer({ channelId: 'c1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ status, body: { message } });
    });

    it('given 500 with a text body then it is a plain AriError', async () => {
      server.route('GET', '/channels', { status: 500, body: 'Internal Server Error' });
      const error = await client.channels.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriError);
      expect(error).not.toBeInstanceOf(AriNotFoundError);
      expect(error).toMatchObject({ status: 500, body: 'Internal Server Error', code: 'ARI_ERROR' });
    });

    it('given wrong credentials then 401 is an AriError', async () => {
      const intruder = new AriClient({
        url: server.url,
        username: 'webcall',
        password: 'wrong',
        app: 'webcall',
      });
      await expect(intruder.channels.list()).rejects.toMatchObject({ status: 401 });
    });

    it('given a slow answer then AriTimeoutError after the request timeout', async () => {
      const impatient = new AriClient({
        url: server.url,
        username: 'webcall',
        password: 's3cret',
        app: 'webcall',
        requestTimeoutMs: 50,
      });
      server.route('GET', '/channels', { body: [], delayMs: 1000 });
      const error = await impatient.channels.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 50, method: 'GET', path: '/channels' });
    });

    it('given a per-request timeout then it overrides the default', async () => {
      server.route('GET', '/channels', { body: [], delayMs: 1000 });
      await expect(client.request('GET', '/channels', { timeoutMs: 20 })).rejects.toBeInstanceOf(
        AriTimeoutError,
      );
    });

    it('given nothing listening then AriConnectionError', async () => {
      await server.stopListening();
      const error = await client.channels.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriConnectionError);
      expect(error).toMatchObject({ method: 'GET', path: '/channels', status: undefined });
    });

    it('given invalid JSON then AriError', async () => {
      server.route('GET', '/channels', { status: 200, body: '{not json' });
      await expect(client.channels.list()).rejects.toThrow('answered invalid JSON');
    });

    it('given stop() while a request is in flight then it rejects with AriConnectionError', async () => {
      server.route('GET', '/channels', { body: [], delayMs: 1000 });
      const pending = client.channels.list();
      await client.stop();
      await expect(pending).rejects.toBeInstanceOf(AriConnectionError);
    });
  });

  it('given more requests than maxConcurrentRequests then the rest wait their turn and all complete', async () => {
    const limited = new AriClient({
      url: server.url,
      username: 'webcall',
      password: 's3cret',
      app: 'webcall',
      maxConcurrentRequests: 2,
    });
    server.route('POST', '/channels/c/answer', { status: 204, delayMs: 100 });
    try {
      const all = Array.from({ length: 6 }, () => limited.channels.answer({ channelId: 'c' }));
      await Promise.all(all);
      expect(server.requestsTo('POST', '/channels/c/answer')).toHaveLength(6);
      expect(server.maxConcurrentRequests).toBe(2);
    } finally {
      await limited.stop();
    }
  });

  it('given a queued request whose timeout expires while waiting then it rejects with AriTimeoutError and frees nothing it did not hold', async () => {
    const limited = new AriClient({
      url: server.url,
      username: 'webcall',
      password: 's3cret',
      app: 'webcall',
      maxConcurrentRequests: 1,
      // Generous for the held request (a loaded machine must not fail it); only the queued one
      // has a short timeout of its own.
      requestTimeoutMs: 5_000,
    });
    server.route('POST', '/channels/slow/answer', { status: 204, delayMs: 40 });
    try {
      const first = limited.channels.answer({ channelId: 'slow' });
      const second = limited.request('POST', '/channels/queued/answer', { timeoutMs: 10 });
      await expect(second).rejects.toBeInstanceOf(AriTimeoutError);
      await expect(first).resolves.toBeUndefined();
      await expect(limited.channels.answer({ channelId: 'slow' })).resolves.toBeUndefined();
      expect(server.requestsTo('POST', '/channels/queued/answer')).toHaveLength(0);
    } finally {
      await limited.stop();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { AmiActionError, AmiClient } from '#ami';
import { AriClient, AriNotFoundError, type AriReconciliation, type StasisStart } from '#ari';
import { expectEventually } from '../support/eventually.js';
import { stackInfo } from '../support/stack-info.js';

describe('ARI and AMI clients against the real Asterisk', () => {
  const info = stackInfo();
  const ami = new AmiClient({
    host: info.env.AMI_HOST,
    port: Number(info.env.AMI_PORT),
    username: info.env.AMI_USERNAME,
    secret: info.env.AMI_SECRET,
    events: 'off',
  });
  // Its own Stasis app name: this test must not take over callflow's `webcall` registration.
  const ari = new AriClient({
    url: info.env.ARI_URL,
    username: info.env.ARI_USERNAME,
    password: info.env.ARI_PASSWORD,
    app: 'webcall-itest',
  });

  beforeAll(async () => {
    const reconciled = new Promise<AriReconciliation>((resolve) => ari.once('reconciled', resolve));
    ami.start();
    ari.start();
    await Promise.all([ami.waitUntilConnected(10_000), ari.waitUntilConnected(10_000)]);
    expect(Array.isArray((await reconciled).channels)).toBe(true);
  });

  afterAll(async () => {
    await ari.stop();
    await ami.stop();
  });

  it('given a logged-in AMI session when a CLI command and an EventList action run then both answer', async () => {
    const version = await ami.command('core show version');
    expect(version.join('\n')).toMatch(/Asterisk 2\d\./);

    const endpoints = await ami.actionList({ Action: 'PJSIPShowEndpoints' });
    expect(endpoints.events.map((e) => e.ObjectName)).toContain('loopback-carrier');
    expect(endpoints.complete.Event).toBe('EndpointListComplete');
  });

  it('given an unknown AMI action when sent then it rejects with AmiActionError and the session stays usable', async () => {
    await expect(ami.action({ Action: 'NoSuchAction' })).rejects.toBeInstanceOf(AmiActionError);
    await expect(ami.action({ Action: 'Ping' })).resolves.toMatchObject({ Response: 'Success' });
  });

  it('given ARI when asked for a channel that does not exist then it rejects with AriNotFoundError', async () => {
    await expect(ari.channels.get({ channelId: 'no-such-channel' })).rejects.toBeInstanceOf(AriNotFoundError);
    expect((await ari.asterisk.getInfo({})).system?.version).toMatch(/^2\d\./);
  });

  it('given an originated channel in our Stasis app when it is hung up then StasisEnd releases its scope', async () => {
    const channelId = `itest-${randomUUID()}`;
    const scopesBefore = ari.activeScopeCount;
    const started = new Promise<StasisStart>((resolve) =>
      ari.on('StasisStart', (e) => {
        if (e.channel.id === channelId) resolve(e);
      }),
    );

    await ari.channels.originate({
      endpoint: 'Local/1901@webcall-loopback-carrier',
      app: 'webcall-itest',
      appArgs: 'test,0,itest',
      channelId,
    });
    const event = await started;
    expect(event.args).toEqual(['test', '0', 'itest']);
    const scope = ari.channelScope(channelId);
    const ended = scope.once('StasisEnd');
    expect(ari.activeScopeCount).toBe(scopesBefore + 1);

    await ari.channels.hangup({ channelId });

    await ended;
    await expectEventually(() => expect(ari.activeScopeCount).toBe(scopesBefore));
    await expect(ari.channels.get({ channelId })).rejects.toBeInstanceOf(AriNotFoundError);
  });
});

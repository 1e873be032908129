import { ariBaseUrl, ariEventsUrl, basicAuthHeader } from './ari-url.js';

describe('ARI urls', () => {
  it.each([
    ['http://127.0.0.1:8088', 'http://127.0.0.1:8088/ari'],
    ['http://127.0.0.1:8088/', 'http://127.0.0.1:8088/ari'],
    ['http://127.0.0.1:8088/ari', 'http://127.0.0.1:8088/ari'],
    ['https://pbx.example:8089/asterisk/ari/', 'https://pbx.example:8089/asterisk/ari'],
  ])('given %s then the REST base is %s', (url, base) => {
    expect(ariBaseUrl(url)).toBe(base);
  });

  it('builds the events url of one app without subscribing to everything', () => {
    expect(ariEventsUrl('http://127.0.0.1:8088', 'webcall')).toBe(
      'ws://127.0.0.1:8088/ari/events?app=webcall&subscribeAll=false',
    );
    expect(ariEventsUrl('https://pbx.example:8089/', 'a b')).toBe(
      'wss://pbx.example:8089/ari/events?app=a+b&subscribeAll=false',
    );
  });

  it('rejects non-http urls', () => {
    expect(() => ariBaseUrl('ws://127.0.0.1:8088')).toThrow(TypeError);
  });

  it('encodes basic credentials as utf-8', () => {
    expect(basicAuthHeader('asterisk', 'sécret:1')).toBe(
      `Basic ${Buffer.from('asterisk:sécret:1', 'utf8').toString('base64')}`,
    );
  });
});

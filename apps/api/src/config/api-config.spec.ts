import { loadApiConfig } from './api-config.js';

const valid = {
  DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/webcall',
  ARI_URL: 'http://127.0.0.1:8088',
  ARI_USERNAME: 'a',
  ARI_PASSWORD: 'b',
  AMI_USERNAME: 'c',
  AMI_SECRET: 'd',
  JWT_SECRET: 'x'.repeat(32),
  SIP_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  CALLFLOW_EVENTS_TOKEN: 'e'.repeat(32),
};

describe('loadApiConfig', () => {
  it('given a complete environment when loaded then defaults are applied', () => {
    const config = loadApiConfig(valid);
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.AMI_PORT).toBe(5038);
    expect(config.DB_MIGRATE).toBe(false);
  });

  it('given bad and missing fields when loaded then every one is named', () => {
    const load = () =>
      loadApiConfig({ ...valid, DATABASE_URL: 'postgres://x', HTTP_PORT: '99999', AMI_SECRET: undefined });
    expect(load).toThrow(/DATABASE_URL: must be a mysql:\/\/ URL/);
    expect(load).toThrow(/HTTP_PORT: Too big/);
    expect(load).toThrow(/AMI_SECRET: Invalid input/);
  });

  it('given a short JWT secret when loaded then it is refused', () => {
    expect(() => loadApiConfig({ ...valid, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32/);
    expect(() => loadApiConfig({ ...valid, SIP_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /SIP_SECRET_KEY: must be 32 bytes in base64/,
    );
  });
});

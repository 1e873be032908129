import { parseStasisArgs } from './stasis-args.js';

describe('parseStasisArgs', () => {
  it('given inbound args when parsed then kind, tenant and entry are returned', () => {
    expect(parseStasisArgs(['inbound', '42', '1900'])).toEqual({
      kind: 'inbound',
      tenantId: 42,
      entryId: '1900',
    });
  });

  it('given tenant 0 when parsed then the call has no tenant', () => {
    expect(parseStasisArgs(['test', '0', 'probe'])?.tenantId).toBeNull();
  });

  it.each([
    [[]],
    [['bogus', '1', '1900']],
    [['inbound', 'x', '1900']],
    [['inbound', '1', '']],
    [['inbound', '1', '19;00']],
    [['inbound', '-1', '1900']],
  ])('given malformed args %j when parsed then null', (args) => {
    expect(parseStasisArgs(args)).toBeNull();
  });
});

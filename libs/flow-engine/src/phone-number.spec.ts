import { describe, expect, it } from '@jest/globals';
import { checkOutbound, normalizeNumber } from './phone-number.js';

describe('normalizeNumber', () => {
  it.each([
    ['0912 345 678', 'mobile', '0912345678', '+84912345678'],
    ['+84 912.345.678', 'mobile', '0912345678', '+84912345678'],
    ['84912345678', 'mobile', '0912345678', '+84912345678'],
    ['0084-912-345-678', 'mobile', '0912345678', '+84912345678'],
    ['(028) 3822 1234', 'landline', '02838221234', '+842838221234'],
    ['1800 1234', 'toll_free', '18001234', null],
    ['1900 6000', 'premium', '19006000', null],
    ['113', 'emergency', '113', null],
    ['+44 20 7946 0958', 'international', '00442079460958', '+442079460958'],
    ['00 1 212 555 0100', 'international', '0012125550100', '+12125550100'],
  ])('%s → %s %s', (input, kind, dial, e164) => {
    expect(normalizeNumber(input)).toEqual({ kind, dial, e164 });
  });

  it.each(['', 'abc', '091234567', '09123456789', '0112345678', '+', '12', '1234', '0912345678;x'])(
    'refuses %j',
    (input) => {
      expect(normalizeNumber(input)).toBeNull();
    },
  );
});

describe('checkOutbound (toll-fraud guard)', () => {
  it('given the default policy then national calls pass, international and premium are refused, emergency passes', () => {
    expect(checkOutbound('0912345678')).toMatchObject({ allowed: true, number: { dial: '0912345678' } });
    expect(checkOutbound('+442079460958')).toEqual({ allowed: false, reason: 'international_not_allowed' });
    expect(checkOutbound('19006000')).toEqual({ allowed: false, reason: 'premium_not_allowed' });
    expect(checkOutbound('115')).toMatchObject({ allowed: true });
    expect(checkOutbound('not a number')).toEqual({ allowed: false, reason: 'invalid_number' });
  });

  it('given allowed prefixes then only matching national numbers pass (emergency still does)', () => {
    const policy = { allowInternational: true, allowPremium: false, allowedPrefixes: ['09', '028'] };
    expect(checkOutbound('0912345678', policy)).toMatchObject({ allowed: true });
    expect(checkOutbound('02838221234', policy)).toMatchObject({ allowed: true });
    expect(checkOutbound('0312345678', policy)).toEqual({ allowed: false, reason: 'prefix_not_allowed' });
    expect(checkOutbound('+442079460958', policy)).toEqual({ allowed: false, reason: 'prefix_not_allowed' });
    expect(checkOutbound('113', policy)).toMatchObject({ allowed: true });
  });
});

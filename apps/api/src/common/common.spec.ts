import { languageOf } from './language.js';
import { MESSAGE_CATALOGS, errorMessage, fieldMessage } from './messages.js';
import { normalizeVietnamesePhone, isVietnamesePhone } from '../auth/phone.js';

describe('languageOf', () => {
  it('given Accept-Language headers when read then en… is English and anything else Vietnamese', () => {
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('vi-VN')).toBe('vi');
    expect(languageOf(undefined)).toBe('vi');
    expect(languageOf('fr, en')).toBe('vi');
  });
});

describe('messages', () => {
  it('given both catalogs when compared then every code has a message in both languages', () => {
    for (const catalog of [MESSAGE_CATALOGS.ERRORS, MESSAGE_CATALOGS.FIELDS]) {
      expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog.vi).sort());
    }
  });

  it('given parameters when a message is formatted then they are filled in', () => {
    expect(fieldMessage('en', 'too_long', { max: 100 })).toBe('At most 100 characters.');
    expect(errorMessage('vi', 'account_locked', { minutes: 15 })).toContain('15 phút');
  });
});

describe('Vietnamese phone numbers', () => {
  it('given local and international forms when normalised then both become +84…', () => {
    expect(normalizeVietnamesePhone('0912 345 678')).toBe('+84912345678');
    expect(normalizeVietnamesePhone('+84912345678')).toBe('+84912345678');
    expect(isVietnamesePhone(normalizeVietnamesePhone('091234567'))).toBe(false);
    expect(isVietnamesePhone(normalizeVietnamesePhone('+1 555 123 4567'))).toBe(false);
    expect(normalizeVietnamesePhone(42)).toBe(42);
  });
});

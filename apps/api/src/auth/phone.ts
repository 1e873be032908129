import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A Vietnamese mobile number as `+84xxxxxxxxx` from `0xxxxxxxxx` or `+84xxxxxxxxx` (spaces,
 * dots and dashes between digits allowed); anything else is returned unchanged so that
 * validation rejects it.
 */
export function normalizeVietnamesePhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const compact = value.trim().replace(/[\s.-]/g, '');
  if (/^0\d{9}$/.test(compact)) return `+84${compact.slice(1)}`;
  if (/^\+84\d{9}$/.test(compact)) return compact;
  return value;
}

export function isVietnamesePhone(value: unknown): boolean {
  return typeof value === 'string' && /^\+84[1-9]\d{8}$/.test(value);
}

export function IsVietnamesePhone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isVietnamesePhone', validator: { validate: isVietnamesePhone } }, options);
}

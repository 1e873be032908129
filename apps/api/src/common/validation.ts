import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldIssue } from './domain-error.js';

/**
 * class-validator constraint → stable field code. The first constraint of a field that is
 * listed here, in this order, decides its code: "missing" wins over "wrong type", which
 * wins over format and length.
 */
const CODES: [constraint: string, code: string][] = [
  ['whitelistValidation', 'unknown_field'],
  ['isDefined', 'required'],
  ['isNotEmpty', 'required'],
  ['isString', 'invalid_type'],
  ['isBoolean', 'invalid_type'],
  ['isInt', 'invalid_type'],
  ['isNumber', 'invalid_type'],
  ['isArray', 'invalid_type'],
  ['isIn', 'invalid_value'],
  ['min', 'too_small'],
  ['max', 'too_large'],
  ['maxLength', 'too_long'],
  ['minLength', 'too_short'],
  ['isEmail', 'invalid_email'],
  ['isVietnamesePhone', 'invalid_phone'],
  ['equals', 'must_accept'],
];

/** Turns class-validator's error tree into one field issue per invalid field. */
export function toFieldIssues(errors: ValidationError[], prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const names = Object.keys(constraints);
    if (names.length) {
      const known = CODES.find(([c]) => names.includes(c));
      let code = known?.[1] ?? 'invalid_value';
      // A missing value fails every constraint: say "required", not "wrong type".
      const absent = error.value === undefined || error.value === null;
      const blank = error.value === '' && names.includes('isNotEmpty');
      if (code !== 'unknown_field' && (absent || blank)) code = 'required';
      issues.push({ field, code, params: paramsOf(error, code) });
    }
    if (error.children?.length) issues.push(...toFieldIssues(error.children, field));
  }
  return issues;
}

function paramsOf(error: ValidationError, code: string): Record<string, number> {
  // class-validator puts the limit only into its English message ("… than or equal to 100 …").
  const limit = (constraint: string) => Number(/\d+/.exec(error.constraints?.[constraint] ?? '')?.[0] ?? 0);
  if (code === 'too_long') return { max: limit('maxLength') };
  if (code === 'too_short') return { min: limit('minLength') };
  if (code === 'too_small') return { min: limit('min') };
  if (code === 'too_large') return { max: limit('max') };
  return {};
}

/** The global pipe: unknown fields rejected, every error reported per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Never coerce "true" into true or "5" into 5: a wrong type is an error.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldIssues(errors)),
  });
}

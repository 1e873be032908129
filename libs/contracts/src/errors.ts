/** One invalid input field: a stable code for programs, a message in the request's language. */
export interface FieldError {
  /** Path of the field in the request body, e.g. `email` or `members.0`. */
  field: string;
  /** Stable machine code, e.g. `required`, `too_long`, `taken`, `weak_password`. */
  code: string;
  message: string;
}

/** Body of every 4xx/5xx answer of the API. */
export interface ApiErrorBody {
  statusCode: number;
  /** Stable machine code of the whole error, e.g. `validation_failed`, `conflict`, `unauthorized`. */
  code: string;
  /** Human message in the request's language (`Accept-Language`: vi default, en). */
  message: string;
  /** Field-level details when the error is about input. */
  fields?: FieldError[];
}

export const SUPPORTED_LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

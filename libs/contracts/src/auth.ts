import type { FieldError, Language } from './errors.js';

export type UserRole = 'operator' | 'admin' | 'supervisor' | 'agent';

/** `POST /api/auth/signup` — creates a tenant and its first admin. */
export interface SignupRequest {
  fullName: string;
  companyName: string;
  email: string;
  phone: string;
  password: string;
  /** Must be true. */
  acceptTerms: boolean;
  /** Bot trap: must be empty (a hidden field humans never fill). */
  website?: string;
  /** ms since the form was shown; bots submit faster than a person can type. */
  formElapsedMs?: number;
}

/** 409 body when some of email / phone / company name are already used. */
export interface SignupConflictBody {
  statusCode: 409;
  code: 'already_used';
  message: string;
  fields: ('email' | 'phone' | 'companyName')[];
  /** The same fields with a message each, in the request's language. */
  details?: FieldError[];
}

/** Answer of sign-up: the new admin is signed in at once (refresh cookie set as for login). */
export type SignupResponse = LoginResponse;

/** Answer of `POST /api/auth/forgot-password`: the same whether the email exists or not. */
export interface ForgotPasswordResponse {
  message: string;
}

/** `POST /api/auth/login`. */
export interface LoginRequest {
  email: string;
  password: string;
}

export interface SessionUser {
  id: number;
  tenantId: number | null;
  tenantName: string | null;
  email: string;
  fullName: string;
  phone: string | null;
  role: UserRole;
  language: Language;
  extension: string | null;
}

/**
 * Answer of login and refresh. The refresh token travels only in the httpOnly cookie
 * `webcall_refresh` (path /api/auth), never in a body.
 */
export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
}

/** `POST /api/auth/forgot-password` → 202 whatever the email. */
export interface ForgotPasswordRequest {
  email: string;
}

/** `POST /api/auth/reset-password` → 204; also used to accept an invitation. */
export interface ResetPasswordRequest {
  token: string;
  password: string;
}

export const PASSWORD_MIN_LENGTH = 10;

/** `PATCH /api/auth/me` → 200 SessionUser. Omitted fields stay unchanged; phone null clears it. */
export interface UpdateProfileRequest {
  fullName?: string;
  phone?: string | null;
  language?: Language;
}

/**
 * `POST /api/auth/change-password` → 204. Wrong current password → 400 on field
 * `currentPassword`; the new one follows the password policy. Every other session of the
 * user is signed out; the current one stays.
 */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

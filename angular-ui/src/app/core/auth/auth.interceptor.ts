import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, of, switchMap, throwError } from 'rxjs';
import { TranslationService } from '../i18n/translation.service';
import { toApiFailure } from './api-error';
import { AUTH_API, AuthService } from './auth.service';

/** Auth endpoints reached without a session: they never carry nor refresh a bearer token. */
const ANONYMOUS = ['login', 'signup', 'refresh', 'forgot-password', 'reset-password'].map(
  (name) => `${AUTH_API}/${name}`,
);

function pathOf(url: string): string {
  return url.split(/[?#]/, 1)[0];
}

export function isApiRequest(url: string): boolean {
  return url.startsWith('/api/');
}

/** Every `/api` call except the health probe and the anonymous auth endpoints carries the token. */
export function needsBearer(url: string): boolean {
  const path = pathOf(url);
  return isApiRequest(path) && path !== '/api/health' && !ANONYMOUS.includes(path);
}

/**
 * Session endpoints under `/api/auth` whose 401 means an expired token, as anywhere else (a wrong
 * current password is a 400 on `currentPassword`, not a 401).
 */
const SESSION_ENDPOINTS = ['me', 'change-password'].map((name) => `${AUTH_API}/${name}`);

/** A 401 from the other `/api/auth/*` is an answer about credentials, not an expired token: no refresh loop. */
function mayRetry(url: string): boolean {
  const path = pathOf(url);
  return !path.startsWith(`${AUTH_API}/`) || SESSION_ENDPOINTS.includes(path);
}

function isTenantSuspended(error: unknown): boolean {
  const failure = toApiFailure(error);
  return failure.status === 403 && failure.body.code === 'tenant_suspended';
}

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds `Accept-Language` (the API words its messages in the console's language) and the bearer
 * token; on a 401 it refreshes once — shared by all requests failing together — and retries once.
 * When the refresh fails the session is over: the user goes to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiRequest(request.url)) return next(request);
  const auth = inject(AuthService);
  const localized = request.clone({ setHeaders: { 'Accept-Language': inject(TranslationService).lang() } });
  if (!needsBearer(request.url)) return next(localized);

  const sentToken = auth.accessToken();
  return next(withBearer(localized, sentToken)).pipe(
    catchError((error: unknown) => {
      // The operator suspended the company: every request fails from now on, so end the session.
      if (isTenantSuspended(error)) {
        auth.suspended();
        return throwError(() => error);
      }
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !mayRetry(request.url)) {
        return throwError(() => error);
      }
      // Another request may already have refreshed while this one was in flight.
      const current = auth.accessToken();
      const refreshed = current && current !== sentToken ? of(true) : from(auth.refresh());
      return refreshed.pipe(
        switchMap((ok) => {
          if (!ok) {
            auth.expire(sentToken !== null);
            return throwError(() => error);
          }
          return next(withBearer(localized, auth.accessToken()));
        }),
      );
    }),
  );
};

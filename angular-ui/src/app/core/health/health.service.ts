import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { HealthResponse } from '@webcall/contracts';
import { Observable, catchError, map, of, scan, switchMap, timeout, timer } from 'rxjs';
import {
  INITIAL_HEALTH,
  isHealthResponse,
  stateFromResponse,
  type HealthState,
  type OfflineReason,
} from './health.model';

export const HEALTH_URL = '/api/health';
export const HEALTH_POLL_MS = 10_000;
/** Shorter than the poll period so a hanging request turns the badge red before the next poll. */
const HEALTH_TIMEOUT_MS = 8_000;

/** Polls `GET /api/health` every 10 s for the lifetime of the app and exposes the result as a signal. */
@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  readonly state = toSignal(
    timer(0, HEALTH_POLL_MS).pipe(
      switchMap(() => this.check()),
      // Keep the last known body while offline so the popover can still show the version.
      scan(
        (previous, next) => (next.response ? next : { ...next, response: previous.response }),
        INITIAL_HEALTH,
      ),
    ),
    { initialValue: INITIAL_HEALTH },
  );

  private check(): Observable<HealthState> {
    return this.http.get<HealthResponse>(HEALTH_URL, { headers: { Accept: 'application/json' } }).pipe(
      timeout(HEALTH_TIMEOUT_MS),
      map((body): HealthState => {
        if (!isHealthResponse(body)) return offline('invalid');
        return stateFromResponse(body, new Date());
      }),
      catchError((error: unknown) => of(fromError(error))),
    );
  }
}

/** The API answers 503 with a full HealthResponse when a dependency is down: that is "degraded". */
function fromError(error: unknown): HealthState {
  if (error instanceof HttpErrorResponse) {
    const body = parseBody(error.error);
    if (isHealthResponse(body)) return stateFromResponse(body, new Date());
    return error.status === 0 ? offline('network') : offline('http', error.status);
  }
  if (error instanceof Error && error.name === 'TimeoutError') return offline('timeout');
  return offline('network');
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function offline(error: OfflineReason, httpStatus?: number): HealthState {
  return { status: 'offline', error, httpStatus, receivedAt: new Date() };
}

import { type Signal, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { BehaviorSubject, type Observable, catchError, combineLatest, map, of, switchMap, tap } from 'rxjs';
import { type ApiFailure, toApiFailure } from '../core/auth/api-error';

export interface ListLoader<T> {
  /** The last page received; kept while the next one loads, so the table does not flicker. */
  readonly data: Signal<T | null>;
  readonly loading: Signal<boolean>;
  /** The failure of the last request, or null once one succeeds. */
  readonly failure: Signal<ApiFailure | null>;
  /** Fetches the current query again (after a change made on the page). */
  reload(): void;
}

/**
 * Fetches `fetch(query())` whenever the query signal changes or `reload()` is called; a newer
 * request cancels the one in flight. Call in an injection context (a constructor or field).
 */
export function listLoader<Q, T>(query: Signal<Q>, fetch: (query: Q) => Observable<T>): ListLoader<T> {
  const data = signal<T | null>(null);
  const loading = signal(true);
  const failure = signal<ApiFailure | null>(null);
  const reloads = new BehaviorSubject<void>(undefined);

  combineLatest([toObservable(query), reloads])
    .pipe(
      tap(() => loading.set(true)),
      switchMap(([current]) =>
        fetch(current).pipe(
          map((value) => ({ value }) as const),
          catchError((error: unknown) => of({ error: toApiFailure(error) } as const)),
        ),
      ),
      takeUntilDestroyed(),
    )
    .subscribe((result) => {
      loading.set(false);
      if ('value' in result) {
        data.set(result.value);
        failure.set(null);
      } else {
        failure.set(result.error);
      }
    });

  return {
    data: data.asReadonly(),
    loading: loading.asReadonly(),
    failure: failure.asReadonly(),
    reload: () => reloads.next(),
  };
}

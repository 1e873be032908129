import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { HotlineRequest, HotlineUpdate, HotlineView } from '@webcall/contracts';
import { type Observable, catchError, map, of } from 'rxjs';

/** A flow the hotline can be answered by (only what the picker needs). */
export interface FlowOption {
  id: number;
  name: string;
}

/** `/api/hotlines` (F17, F19): the tenant's numbers. */
@Injectable({ providedIn: 'root' })
export class HotlinesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<HotlineView[]> {
    return this.http.get<HotlineView[]>('/api/hotlines');
  }

  request(body: HotlineRequest): Observable<HotlineView> {
    return this.http.post<HotlineView>('/api/hotlines', body);
  }

  update(id: number, body: HotlineUpdate): Observable<HotlineView> {
    return this.http.patch<HotlineView>(`/api/hotlines/${id}`, body);
  }

  remove(id: number): Observable<unknown> {
    return this.http.delete(`/api/hotlines/${id}`);
  }

  /**
   * The tenant's flows for the picker. Tolerant: until `/api/flows` exists (or when it fails) the
   * picker is simply empty, and the hotline keeps whatever flow it has.
   */
  flows(): Observable<FlowOption[]> {
    return this.http.get<unknown>('/api/flows').pipe(
      map((body) => {
        const items: unknown = Array.isArray(body) ? body : (body as { items?: unknown } | null)?.items;
        return Array.isArray(items)
          ? items
              .filter(
                (f): f is FlowOption =>
                  !!f &&
                  typeof (f as FlowOption).id === 'number' &&
                  typeof (f as FlowOption).name === 'string',
              )
              .map((f) => ({ id: f.id, name: f.name }))
          : [];
      }),
      catchError(() => of([])),
    );
  }
}

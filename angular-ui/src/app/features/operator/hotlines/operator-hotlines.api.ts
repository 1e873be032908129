import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  HotlineStatusChange,
  HotlineStatusId,
  HotlineView,
  OperatorHotlineRequest,
  TenantPage,
} from '@webcall/contracts';
import type { Observable } from 'rxjs';

export interface OperatorHotlineQuery {
  status: HotlineStatusId | null;
  tenantId: number | null;
}

/** `/api/operator/hotlines` (operators only): every tenant's numbers and the carrier process. */
@Injectable({ providedIn: 'root' })
export class OperatorHotlinesApi {
  private readonly http = inject(HttpClient);

  list(query: OperatorHotlineQuery): Observable<HotlineView[]> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.tenantId) params = params.set('tenantId', query.tenantId);
    return this.http.get<HotlineView[]>('/api/operator/hotlines', { params });
  }

  provision(body: OperatorHotlineRequest): Observable<HotlineView> {
    return this.http.post<HotlineView>('/api/operator/hotlines', body);
  }

  move(id: number, body: HotlineStatusChange): Observable<HotlineView> {
    return this.http.post<HotlineView>(`/api/operator/hotlines/${id}/status`, body);
  }

  /** Tenants for the pickers: the API's largest page. */
  tenants(): Observable<TenantPage> {
    return this.http.get<TenantPage>('/api/tenants', {
      params: new HttpParams().set('page', 1).set('pageSize', 100),
    });
  }
}

/** Where a number may go next (the API refuses anything else with 409 invalid_transition). */
export const NEXT_STATUSES: Record<HotlineStatusId, readonly HotlineStatusId[]> = {
  requested: ['waiting_contract'],
  waiting_contract: ['active'],
  active: ['suspended'],
  suspended: ['active'],
};

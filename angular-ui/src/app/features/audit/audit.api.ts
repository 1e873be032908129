import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditAction, AuditPage } from '@webcall/contracts';
import type { Observable } from 'rxjs';

export interface AuditQuery {
  page: number;
  pageSize: number;
  action: AuditAction | null;
  /** ISO time, inclusive. */
  from: string | null;
  /** ISO time, exclusive. */
  to: string | null;
}

/** `GET /api/audit-log`: the caller's tenant for admins, the platform's entries for operators. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<AuditPage> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.action) params = params.set('action', query.action);
    if (query.from) params = params.set('from', query.from);
    if (query.to) params = params.set('to', query.to);
    return this.http.get<AuditPage>('/api/audit-log', { params });
  }
}

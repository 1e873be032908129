import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateTenantRequest,
  SuspendTenantRequest,
  Tenant,
  TenantPage,
  TenantStatus,
  UpdateTenantRequest,
} from '@webcall/contracts';
import type { Observable } from 'rxjs';

const TENANTS_API = '/api/tenants';

export interface TenantQuery {
  search: string;
  status: TenantStatus | null;
  page: number;
  pageSize: number;
}

/** `/api/tenants` (operators only): list, create, edit, suspend, reactivate. */
@Injectable({ providedIn: 'root' })
export class TenantsApi {
  private readonly http = inject(HttpClient);

  list(query: TenantQuery): Observable<TenantPage> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.search) params = params.set('search', query.search);
    if (query.status) params = params.set('status', query.status);
    return this.http.get<TenantPage>(TENANTS_API, { params });
  }

  create(request: CreateTenantRequest): Observable<Tenant> {
    return this.http.post<Tenant>(TENANTS_API, request);
  }

  update(id: number, request: UpdateTenantRequest): Observable<Tenant> {
    return this.http.patch<Tenant>(`${TENANTS_API}/${id}`, request);
  }

  suspend(id: number, request: SuspendTenantRequest): Observable<Tenant> {
    return this.http.post<Tenant>(`${TENANTS_API}/${id}/suspend`, request);
  }

  reactivate(id: number): Observable<Tenant> {
    return this.http.post<Tenant>(`${TENANTS_API}/${id}/reactivate`, null);
  }
}

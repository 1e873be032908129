import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FlowSimulationRequest, FlowView, PromptView, QueueView, UserPage } from '@webcall/contracts';
import type { FlowGraph, Simulation } from '@webcall/flow-engine';
import type { Observable } from 'rxjs';

/** One published version of a flow (`GET /api/flows/:id/versions`). */
export interface FlowVersionView {
  version: number;
  publishedAt: string;
  publishedBy: string | number | { id: number; fullName?: string; email?: string } | null;
}

/** The flows, prompts and users endpoints the routing editor uses (`libs/contracts/src/routing.ts`). */
@Injectable({ providedIn: 'root' })
export class FlowsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<FlowView[]> {
    return this.http.get<FlowView[]>('/api/flows');
  }

  get(id: number): Observable<FlowView> {
    return this.http.get<FlowView>(`/api/flows/${id}`);
  }

  create(name: string): Observable<FlowView> {
    return this.http.post<FlowView>('/api/flows', { name });
  }

  rename(id: number, name: string): Observable<FlowView> {
    return this.http.patch<FlowView>(`/api/flows/${id}`, { name });
  }

  /** The whole draft; 400 `flow_invalid` with `problems` when it cannot be saved. */
  saveDraft(id: number, draft: FlowGraph): Observable<FlowView> {
    return this.http.patch<FlowView>(`/api/flows/${id}`, { draft });
  }

  delete(id: number): Observable<unknown> {
    return this.http.delete(`/api/flows/${id}`);
  }

  publish(id: number): Observable<FlowView> {
    return this.http.post<FlowView>(`/api/flows/${id}/publish`, {});
  }

  versions(id: number): Observable<FlowVersionView[]> {
    return this.http.get<FlowVersionView[]>(`/api/flows/${id}/versions`);
  }

  simulate(id: number, request: FlowSimulationRequest): Observable<Simulation> {
    return this.http.post<Simulation>(`/api/flows/${id}/simulate`, request);
  }

  prompts(): Observable<{ items: PromptView[]; total: number }> {
    return this.http.get<{ items: PromptView[]; total: number }>('/api/prompts');
  }

  /** The tenant's queue groups, for the picker's "Queue groups" options. */
  queues(): Observable<QueueView[]> {
    return this.http.get<QueueView[]>('/api/queues');
  }

  /** The first 100 users: the extensions a destination can ring. */
  users(): Observable<UserPage> {
    return this.http.get<UserPage>('/api/users', {
      params: new HttpParams().set('page', 1).set('pageSize', 100),
    });
  }
}

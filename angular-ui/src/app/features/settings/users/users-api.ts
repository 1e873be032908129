import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateUserRequest,
  TenantUser,
  UpdateUserRequest,
  UserGroup,
  UserGroupRequest,
  UserPage,
} from '@webcall/contracts';
import type { Observable } from 'rxjs';

export const USERS_PAGE_SIZE = 20;

export interface UserQuery {
  search: string;
  groupId: number | null;
  page: number;
}

/** The users and user-groups endpoints (`libs/contracts/src/users.ts`). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  listUsers(query: UserQuery): Observable<UserPage> {
    let params = new HttpParams().set('page', query.page).set('pageSize', USERS_PAGE_SIZE);
    if (query.search) params = params.set('search', query.search);
    if (query.groupId !== null) params = params.set('groupId', query.groupId);
    return this.http.get<UserPage>('/api/users', { params });
  }

  createUser(request: CreateUserRequest): Observable<TenantUser> {
    return this.http.post<TenantUser>('/api/users', request);
  }

  updateUser(id: number, request: UpdateUserRequest): Observable<TenantUser> {
    return this.http.patch<TenantUser>(`/api/users/${id}`, request);
  }

  deleteUser(id: number): Observable<unknown> {
    return this.http.delete(`/api/users/${id}`);
  }

  /** 204; the previous invitation link stops working. */
  resendInvitation(id: number): Observable<unknown> {
    return this.http.post(`/api/users/${id}/invitation`, null);
  }

  listGroups(): Observable<UserGroup[]> {
    return this.http.get<UserGroup[]>('/api/user-groups');
  }

  createGroup(request: UserGroupRequest): Observable<UserGroup> {
    return this.http.post<UserGroup>('/api/user-groups', request);
  }

  renameGroup(id: number, request: UserGroupRequest): Observable<UserGroup> {
    return this.http.patch<UserGroup>(`/api/user-groups/${id}`, request);
  }

  deleteGroup(id: number): Observable<unknown> {
    return this.http.delete(`/api/user-groups/${id}`);
  }
}

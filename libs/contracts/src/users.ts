import type { UserRole } from './auth.js';

/** Roles a tenant admin can give (operators are platform staff, never created here). */
export const TENANT_ROLES = ['admin', 'supervisor', 'agent'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];
export type UserStatus = 'invited' | 'active' | 'disabled' | 'deleted';

/** A user of the caller's tenant, as listed and shown by `/api/users`. */
export interface TenantUser {
  id: number;
  email: string;
  fullName: string;
  phone: string | null;
  role: UserRole;
  status: UserStatus;
  extension: string | null;
  groupIds: number[];
  lastLoginAt: string | null;
  createdAt: string;
}

/**
 * `GET /api/users?search=&groupId=&page=&pageSize=`: one page ordered by id, deleted users excluded;
 * `search` matches name, email, phone or extension; `groupId` keeps that group's members.
 */
export interface UserPage {
  items: TenantUser[];
  total: number;
  page: number;
  pageSize: number;
}

/** `POST /api/users` → 201: an invited user with the next free extension; an invitation is mailed. */
export interface CreateUserRequest {
  fullName: string;
  email: string;
  phone?: string;
  role: TenantRole;
  groupIds?: number[];
}

/**
 * `POST /api/users/:id/invitation` → 204: mails a fresh invitation link to an invited user (the
 * previous link stops working). 409 `not_invited` when the user has already set a password.
 */
export type ResendInvitationResponse = void;

/** `PATCH /api/users/:id` → 200. An admin cannot demote or disable themself. */
export interface UpdateUserRequest {
  fullName?: string;
  phone?: string | null;
  role?: TenantRole;
  groupIds?: number[];
  status?: 'active' | 'disabled';
}

/** A user group of the caller's tenant. */
export interface UserGroup {
  id: number;
  name: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/user-groups` → 201 and `PATCH /api/user-groups/:id` → 200; name unique in the tenant. */
export interface UserGroupRequest {
  name: string;
}

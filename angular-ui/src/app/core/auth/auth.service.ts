import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  ChangePasswordRequest,
  ForgotPasswordRequest,
  LoginRequest,
  LoginResponse,
  ResetPasswordRequest,
  SessionUser,
  SignupRequest,
  UpdateProfileRequest,
} from '@webcall/contracts';
import { Observable, firstValueFrom, map, tap } from 'rxjs';
import { TranslationService, isLang } from '../i18n/translation.service';

export const AUTH_API = '/api/auth';

interface Session {
  accessToken: string;
  user: SessionUser;
}

/** Refresh this long before the access token expires, so requests rarely meet a 401. */
const REFRESH_MARGIN_S = 30;

/**
 * The console's session. The access token lives only in this signal (never in storage, so a script
 * injected into the page cannot lift it from there); the refresh token is an httpOnly cookie on
 * `/api/auth` that only the browser sees. A page reload therefore starts without a token and
 * `restore()` trades the cookie for a new one.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly i18n = inject(TranslationService);

  private readonly session = signal<Session | null>(null);
  readonly user = computed(() => this.session()?.user ?? null);
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);

  private restoring: Promise<boolean> | null = null;
  private refreshing: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.refreshTimer));
  }

  /** The start-up refresh: runs once per page load; guards await it before deciding. */
  restore(): Promise<boolean> {
    // The user's saved language wins over the browser's stored choice once per page load; later
    // silent refreshes leave the language alone so a manual switch in the top bar sticks.
    this.restoring ??= this.refresh().then((ok) => {
      if (ok) this.applyLanguage(this.user());
      return ok;
    });
    return this.restoring;
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers (several requests
   * failing with 401 at once) share one request, because the server rotates the refresh token and
   * a second parallel refresh would present an already-used one.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= firstValueFrom(this.http.post<LoginResponse>(`${AUTH_API}/refresh`, null))
      .then(
        (response) => {
          this.start(response);
          return true;
        },
        () => {
          this.clear();
          return false;
        },
      )
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  login(request: LoginRequest): Observable<SessionUser> {
    return this.http.post<LoginResponse>(`${AUTH_API}/login`, request).pipe(
      tap((response) => {
        this.start(response);
        this.applyLanguage(response.user);
      }),
      map((response) => response.user),
    );
  }

  /**
   * `PATCH /api/auth/me`: the answer replaces the session's user (top bar, menu and page follow
   * the signal) and its language becomes the console's at once.
   */
  updateProfile(request: UpdateProfileRequest): Observable<SessionUser> {
    return this.http.patch<SessionUser>(`${AUTH_API}/me`, request).pipe(
      tap((user) => {
        this.session.update((session) => (session ? { ...session, user } : session));
        this.applyLanguage(user);
      }),
    );
  }

  /** `POST /api/auth/change-password` → 204; the server signs out every other session. */
  changePassword(request: ChangePasswordRequest): Observable<unknown> {
    return this.http.post(`${AUTH_API}/change-password`, request);
  }

  signup(request: SignupRequest): Observable<unknown> {
    return this.http.post(`${AUTH_API}/signup`, request);
  }

  forgotPassword(request: ForgotPasswordRequest): Observable<unknown> {
    return this.http.post(`${AUTH_API}/forgot-password`, request);
  }

  resetPassword(request: ResetPasswordRequest): Observable<unknown> {
    return this.http.post(`${AUTH_API}/reset-password`, request);
  }

  /** Revokes the refresh token server-side; the local session ends even if that call fails. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post(`${AUTH_API}/logout`, null));
    } catch {
      // Offline or already expired: nothing more to revoke from here.
    } finally {
      this.clear();
      await this.router.navigateByUrl('/login');
    }
  }

  /**
   * Called when a refresh fails mid-session: back to the login page, then back here afterwards.
   * `notify` adds the "session expired" notice (not wanted when there never was a session).
   */
  expire(notify = true): void {
    this.clear();
    const current = this.router.url;
    if (current.startsWith('/login')) return;
    void this.router.navigate(['/login'], {
      queryParams: { returnUrl: current, ...(notify ? { expired: 1 } : {}) },
    });
  }

  /**
   * The company was suspended mid-session (403 `tenant_suspended`): back to the login page, which
   * says why; logging in works again once an operator reactivates the company.
   */
  suspended(): void {
    this.clear();
    const current = this.router.url;
    if (current.startsWith('/login')) return;
    void this.router.navigate(['/login'], { queryParams: { returnUrl: current, suspended: 1 } });
  }

  private start(response: LoginResponse): void {
    this.session.set({ accessToken: response.accessToken, user: response.user });
    clearTimeout(this.refreshTimer);
    const delayS = response.expiresIn - REFRESH_MARGIN_S;
    if (Number.isFinite(delayS) && delayS > 0) {
      this.refreshTimer = setTimeout(() => {
        void this.refresh().then((ok) => ok || this.expire());
      }, delayS * 1000);
    }
  }

  /** Switches the console to the user's saved language when it differs from the current one. */
  private applyLanguage(user: SessionUser | null): void {
    const lang = user?.language;
    if (isLang(lang) && lang !== this.i18n.lang()) this.i18n.setLang(lang);
  }

  private clear(): void {
    clearTimeout(this.refreshTimer);
    this.session.set(null);
  }
}

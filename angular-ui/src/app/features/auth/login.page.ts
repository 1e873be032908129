import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  afterNextRender,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { toApiFailure } from '../../core/auth/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { homeFor, safeReturnUrl } from '../../core/auth/validation';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shell/icon';
import { controlMessage, focusFirstInvalid, genericFailure, type Message } from './form-support';
import { FORM_FIELD } from './form-field';
import { MessagePipe } from './message.pipe';
import { PasswordInput } from './password-input';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

@Component({
  selector: 'wc-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, MessagePipe, Icon, FORM_FIELD, PasswordInput],
  template: `
    <section class="auth-card" aria-labelledby="login-title">
      <h1 id="login-title" data-testid="page-title">{{ 'auth.login.title' | t }}</h1>
      <p class="auth-lead">{{ 'auth.login.lead' | t }}</p>

      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="login-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      } @else if (suspended()) {
        <p class="alert alert-error" role="alert" data-testid="login-suspended">
          <wc-icon name="alert" /><span>{{ 'operator.suspendedLogin' | t }}</span>
        </p>
      } @else if (expired()) {
        <p class="alert alert-info" role="status" data-testid="login-expired">
          <wc-icon name="info" /><span>{{ 'auth.login.sessionExpired' | t }}</span>
        </p>
      }

      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <wc-form-field
          inputId="login-email"
          name="email"
          [label]="'auth.field.email' | t"
          [message]="message('email')"
        >
          <input
            wcFieldControl
            class="input"
            type="email"
            formControlName="email"
            autocomplete="username"
            inputmode="email"
            spellcheck="false"
            data-testid="login-email"
            [attr.placeholder]="'auth.placeholder.email' | t"
          />
        </wc-form-field>

        <wc-form-field
          inputId="login-password"
          name="password"
          [label]="'auth.field.password' | t"
          [message]="message('password')"
        >
          <a wcFieldAside class="link small" routerLink="/forgot-password" data-testid="login-forgot">{{
            'auth.login.forgot' | t
          }}</a>
          <wc-password-input controls="login-password" [(visible)]="showPassword">
            <input
              wcFieldControl
              class="input"
              formControlName="password"
              autocomplete="current-password"
              data-testid="login-password"
              [type]="showPassword() ? 'text' : 'password'"
            />
          </wc-password-input>
        </wc-form-field>

        <button
          class="btn btn-primary btn-block"
          type="submit"
          data-testid="login-submit"
          [disabled]="pending()"
        >
          @if (pending()) {
            <span class="spinner" aria-hidden="true"></span>{{ 'auth.login.pending' | t }}
          } @else {
            {{ 'auth.login.submit' | t }}
          }
        </button>
      </form>

      <p class="auth-foot">
        {{ 'auth.login.noAccount' | t }}
        <a routerLink="/signup" data-testid="login-signup-link">{{ 'auth.login.signupLink' | t }}</a>
      </p>
    </section>
  `,
  styles: `
    :host {
      display: contents;
    }
    .small {
      font-size: 0.8125rem;
    }
  `,
})
export default class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** Query parameters, bound by `withComponentInputBinding`. */
  readonly email = input<string>();
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  /** Set when the session ended because the company was suspended. */
  readonly suspended = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly showPassword = signal(false);

  constructor() {
    // After sign-up the email arrives in the address; the password field is then the next step.
    afterNextRender(() => {
      const email = this.email();
      if (email) {
        this.form.controls.email.setValue(email);
        this.document.getElementById('login-password')?.focus();
      }
    });
  }

  protected message(name: Field): Message | null {
    return controlMessage(name, this.form.controls[name]);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.form, FIELDS, 'login', this.document);
      return;
    }
    this.pending.set(true);
    const { email, password } = this.form.getRawValue();
    this.auth.login({ email: email.trim(), password }).subscribe({
      next: (user) => {
        this.pending.set(false);
        // Without a page to return to, each role starts on its own home (operators: the tenants).
        const returnUrl = this.returnUrl();
        void this.router.navigateByUrl(returnUrl ? safeReturnUrl(returnUrl) : homeFor(user.role));
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        this.error.set(
          failure.body.code === 'tenant_suspended'
            ? { key: 'operator.suspendedLogin' }
            : (loginFailure(failure.status) ?? genericFailure(failure)),
        );
        this.form.controls.password.reset('');
        this.document.getElementById('login-password')?.focus();
      },
    });
  }
}

/** One generic message per cause; never says whether the email exists. */
function loginFailure(status: number): Message | null {
  switch (status) {
    case 400:
    case 401:
      return { key: 'auth.login.invalid' };
    case 403:
      return { key: 'auth.login.suspended' };
    case 423:
      return { key: 'auth.login.locked' };
    case 429:
      return { key: 'auth.login.tooMany' };
    default:
      return null;
  }
}

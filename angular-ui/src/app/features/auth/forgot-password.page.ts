import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { finalize } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shell/icon';
import { controlMessage, focusFirstInvalid, type Message } from './form-support';
import { FORM_FIELD } from './form-field';

@Component({
  selector: 'wc-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, Icon, FORM_FIELD],
  template: `
    <section class="auth-card" aria-labelledby="forgot-title">
      @if (done()) {
        <div class="result" role="status" data-testid="forgot-done">
          <span class="result-icon info"><wc-icon name="mail" /></span>
          <h1 id="forgot-title" data-testid="page-title" tabindex="-1">{{ 'auth.forgot.doneTitle' | t }}</h1>
          <p>{{ 'auth.forgot.done' | t }}</p>
          <a class="btn btn-primary btn-block" routerLink="/login">{{ 'auth.forgot.back' | t }}</a>
        </div>
      } @else {
        <h1 id="forgot-title" data-testid="page-title">{{ 'auth.forgot.title' | t }}</h1>
        <p class="auth-lead">{{ 'auth.forgot.lead' | t }}</p>

        <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <wc-form-field
            inputId="forgot-email"
            name="email"
            [label]="'auth.field.email' | t"
            [message]="message()"
          >
            <input
              wcFieldControl
              class="input"
              type="email"
              formControlName="email"
              autocomplete="email"
              inputmode="email"
              spellcheck="false"
              data-testid="forgot-email"
              [attr.placeholder]="'auth.placeholder.email' | t"
            />
          </wc-form-field>

          <button
            class="btn btn-primary btn-block"
            type="submit"
            data-testid="forgot-submit"
            [disabled]="pending()"
          >
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'auth.forgot.pending' | t }}
            } @else {
              {{ 'auth.forgot.submit' | t }}
            }
          </button>
        </form>

        <p class="auth-foot">
          <a routerLink="/login" data-testid="forgot-back">{{ 'auth.forgot.back' | t }}</a>
        </p>
      }
    </section>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export default class ForgotPasswordPage {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly pending = signal(false);
  protected readonly done = signal(false);

  protected message(): Message | null {
    return controlMessage('email', this.form.controls.email);
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.form, ['email'], 'forgot', this.document);
      return;
    }
    this.pending.set(true);
    // Same answer whatever happens, so the page never tells whether an address is registered.
    this.auth
      .forgotPassword({ email: this.form.controls.email.value.trim() })
      .pipe(finalize(() => this.finish()))
      .subscribe({ error: () => undefined });
  }

  private finish(): void {
    this.pending.set(false);
    this.done.set(true);
    setTimeout(() => this.document.getElementById('forgot-title')?.focus());
  }
}

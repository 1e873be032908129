import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { FlowStore } from './flow-store';

/** A prompt of the library (the tenant's and the built-in ones), with a player to hear it. */
@Component({
  selector: 'wc-prompt-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, RouterLink],
  template: `
    <div class="prompt">
      <select
        class="input"
        [id]="inputId()"
        [attr.data-testid]="inputId()"
        [attr.aria-invalid]="messages().length ? 'true' : null"
        [disabled]="disabled()"
        (change)="value.set($any($event.target).value)"
      >
        <option value="" [disabled]="!optional()" [selected]="!value()">
          {{ (optional() ? 'pbx.prompt.none' : 'pbx.prompt.choose') | t }}
        </option>
        @for (p of store.prompts(); track p.id) {
          <option [value]="'' + p.id" [selected]="'' + p.id === value()">
            {{ p.name }}{{ p.tenantId === null ? ' · ' + ('pbx.prompt.builtin' | t) : '' }}
          </option>
        }
        @if (value() && !current()) {
          <option [value]="value()" selected>{{ 'pbx.prompt.missing' | t: { id: value() } }}</option>
        }
      </select>
      @if (current()?.audioUrl; as url) {
        <audio
          class="player"
          controls
          preload="none"
          [src]="url"
          [attr.data-testid]="inputId() + '-audio'"
        ></audio>
      }
    </div>
    @for (m of messages(); track $index) {
      <p class="field-error" [attr.data-testid]="'field-error-' + inputId()">
        <wc-icon name="alert" />{{ m | msg }}
      </p>
    } @empty {
      @if (!store.prompts().length && !optional()) {
        <p class="field-hint">
          {{ 'pbx.prompt.emptyLibrary' | t }} <a routerLink="../prompts">{{ 'pbx.tab.prompts' | t }}</a>
        </p>
      } @else if (hint()) {
        <p class="field-hint">{{ hint() }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 6px;
      min-width: 0;
    }
    .prompt {
      display: grid;
      gap: 6px;
    }
    .player {
      width: 100%;
      height: 34px;
    }
  `,
})
export class PromptSelect {
  protected readonly store = inject(FlowStore);
  readonly value = model.required<string>();
  readonly inputId = input.required<string>();
  readonly optional = input(false);
  readonly disabled = input(false);
  readonly hint = input('');
  readonly messages = input<readonly Message[]>([]);
  protected readonly current = computed(() =>
    this.store.prompts().find((p) => String(p.id) === this.value()),
  );
}

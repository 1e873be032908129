import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  TRUNK_CODEC_IDS,
  TRUNK_PRESET_IDS,
  type TrunkCodecId,
  type TrunkPresetId,
  type TrunkPresetView,
  type TrunkRequest,
  type TrunkView,
} from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import { Modal } from '../../../shared/modal';
import { applyFieldErrors, controlMessage, type Message } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { failureMessage } from '../../settings/users/users-support';
import { TrunksApi } from './trunks.api';

const ORDER = [
  'name',
  'preset',
  'authMode',
  'host',
  'port',
  'transport',
  'fromDomain',
  'username',
  'secret',
  'matchIps',
  'codecs',
  'maxChannels',
] as const;

/**
 * Add a trunk from a carrier preset (which fills the defaults) or edit one. IP authentication
 * takes the carrier's source addresses; registration the registrar, user and secret (write-only:
 * left empty on edit, the stored one stays). A static trunk (pjsip.conf) only takes a new name.
 */
@Component({
  selector: 'wc-trunk-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../../settings/users/users.css',
  template: `
    <wc-modal
      testId="trunk-dialog"
      headingId="trunk-dialog-title"
      [wide]="true"
      [heading]="(trunk() ? 'trunks.dialog.editTitle' : 'trunks.dialog.addTitle') | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="trunk-form-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      @if (isStatic()) {
        <p class="alert alert-info" data-testid="trunk-static-note">
          <wc-icon name="info" /><span>{{ 'trunks.dialog.static' | t }}</span>
        </p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="form-grid">
          <wc-form-field
            inputId="trunk-preset"
            name="preset"
            [label]="'trunks.field.preset' | t"
            [message]="message('preset')"
          >
            <select
              wcFieldControl
              class="input"
              formControlName="preset"
              data-testid="trunk-preset"
              (change)="applyPreset()"
            >
              @for (id of presetIds; track id) {
                <option [value]="id">{{ presetName(id) }}</option>
              }
            </select>
          </wc-form-field>
          <wc-form-field
            inputId="trunk-name"
            name="name"
            [label]="'trunks.field.name' | t"
            [message]="message('name')"
          >
            <input
              wcFieldControl
              class="input"
              type="text"
              formControlName="name"
              maxlength="100"
              autofocus
              data-testid="trunk-name"
            />
          </wc-form-field>
        </div>
        @if (presetNote(); as note) {
          <p class="preset-note" data-testid="trunk-preset-note">
            <wc-icon name="info" /><span>{{ note }}</span>
          </p>
        }
        <fieldset class="modes" [disabled]="isStatic()">
          <legend>{{ 'trunks.field.authMode' | t }}</legend>
          <label class="mode">
            <input type="radio" formControlName="authMode" value="ip" data-testid="trunk-mode-ip" />
            <span
              ><strong>{{ 'trunks.mode.ip' | t }}</strong
              ><small>{{ 'trunks.mode.ipHint' | t }}</small></span
            >
          </label>
          <label class="mode">
            <input
              type="radio"
              formControlName="authMode"
              value="registration"
              data-testid="trunk-mode-registration"
            />
            <span
              ><strong>{{ 'trunks.mode.registration' | t }}</strong
              ><small>{{ 'trunks.mode.registrationHint' | t }}</small></span
            >
          </label>
        </fieldset>
        <div class="form-grid three">
          <wc-form-field
            inputId="trunk-host"
            name="host"
            [label]="'trunks.field.host' | t"
            [hint]="(registration() ? 'trunks.field.hostHintReg' : 'trunks.field.hostHint') | t"
            [message]="message('host')"
          >
            <input
              wcFieldControl
              class="input mono"
              type="text"
              formControlName="host"
              maxlength="255"
              spellcheck="false"
              data-testid="trunk-host"
              placeholder="sbc.carrier.vn"
            />
          </wc-form-field>
          <wc-form-field
            inputId="trunk-port"
            name="port"
            [label]="'trunks.field.port' | t"
            [message]="message('port')"
          >
            <input
              wcFieldControl
              class="input mono"
              type="number"
              formControlName="port"
              min="1"
              max="65535"
              data-testid="trunk-port"
            />
          </wc-form-field>
          <wc-form-field
            inputId="trunk-transport"
            name="transport"
            [label]="'trunks.field.transport' | t"
            [message]="message('transport')"
          >
            <select wcFieldControl class="input" formControlName="transport" data-testid="trunk-transport">
              <option value="udp">UDP</option>
              <option value="tcp">TCP</option>
              <option value="tls">TLS</option>
            </select>
          </wc-form-field>
        </div>
        @if (registration()) {
          <div class="form-grid">
            <wc-form-field
              inputId="trunk-username"
              name="username"
              [label]="'trunks.field.username' | t"
              [message]="message('username')"
            >
              <input
                wcFieldControl
                class="input mono"
                type="text"
                formControlName="username"
                maxlength="64"
                autocomplete="off"
                spellcheck="false"
                data-testid="trunk-username"
              />
            </wc-form-field>
            <wc-form-field
              inputId="trunk-secret"
              name="secret"
              [label]="'trunks.field.secret' | t"
              [hint]="(trunk()?.hasSecret ? 'trunks.field.secretKeep' : 'trunks.field.secretHint') | t"
              [message]="message('secret')"
            >
              <input
                wcFieldControl
                class="input mono"
                type="password"
                formControlName="secret"
                maxlength="60"
                autocomplete="new-password"
                data-testid="trunk-secret"
              />
            </wc-form-field>
          </div>
        } @else {
          <wc-form-field
            inputId="trunk-matchIps"
            name="matchIps"
            [label]="'trunks.field.matchIps' | t"
            [hint]="'trunks.field.matchIpsHint' | t"
            [message]="message('matchIps')"
          >
            <input
              wcFieldControl
              class="input mono"
              type="text"
              formControlName="matchIps"
              spellcheck="false"
              data-testid="trunk-match-ips"
              placeholder="203.0.113.10, 198.51.100.0/28"
            />
          </wc-form-field>
        }
        <div class="form-grid">
          <wc-form-field
            inputId="trunk-fromDomain"
            name="fromDomain"
            [label]="'trunks.field.fromDomain' | t"
            [hint]="'trunks.field.fromDomainHint' | t"
            [message]="message('fromDomain')"
          >
            <input
              wcFieldControl
              class="input mono"
              type="text"
              formControlName="fromDomain"
              maxlength="255"
              spellcheck="false"
              data-testid="trunk-from-domain"
            />
          </wc-form-field>
          <wc-form-field
            inputId="trunk-maxChannels"
            name="maxChannels"
            [label]="'trunks.field.maxChannels' | t"
            [hint]="'trunks.field.maxChannelsHint' | t"
            [message]="message('maxChannels')"
          >
            <input
              wcFieldControl
              class="input"
              type="number"
              formControlName="maxChannels"
              min="1"
              max="10000"
              data-testid="trunk-max-channels"
            />
          </wc-form-field>
        </div>
        <fieldset class="codecs" [disabled]="isStatic()">
          <legend>{{ 'trunks.field.codecs' | t }}</legend>
          @for (codec of codecIds; track codec) {
            <label class="codec">
              <input
                type="checkbox"
                [checked]="codecs().includes(codec)"
                (change)="toggleCodec(codec)"
                [attr.data-testid]="'trunk-codec-' + codec"
              />
              <span>{{ codecLabel(codec) }}</span>
            </label>
          }
          @if (message('codecs'); as m) {
            <p class="field-error">{{ m | msg }}</p>
          }
        </fieldset>
        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="trunk-cancel"
            [disabled]="pending()"
            (click)="dismiss.emit()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="trunk-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'trunks.dialog.applying' | t }}
            } @else {
              {{ 'trunks.dialog.save' | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
  styles: `
    .form {
      display: grid;
      gap: 14px;
    }
    .form-grid.three {
      grid-template-columns: 2fr 1fr 1fr;
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    }
    .preset-note {
      display: flex;
      gap: 8px;
      margin: -4px 0 0;
      padding: 10px 12px;
      border-radius: 10px;
      background: var(--unknown-bg);
      color: var(--muted);
      font-size: 0.875rem;
      line-height: 1.5;
      --icon-size: 16px;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin-bottom: 6px;
      font-size: 0.875rem;
      font-weight: 600;
    }
    .modes {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 10px;
    }
    .modes legend {
      grid-column: 1 / -1;
    }
    .mode {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 10px 12px;
      border: 1px solid var(--border);
      border-radius: 10px;
      cursor: pointer;
    }
    .mode:has(input:checked) {
      border-color: var(--primary);
      background: var(--primary-soft);
    }
    .mode span {
      display: grid;
      gap: 2px;
      font-size: 0.9rem;
    }
    .mode small {
      color: var(--muted);
      font-size: 0.8125rem;
    }
    .codecs {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 18px;
    }
    .codecs legend {
      width: 100%;
    }
    .codec {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 0.9rem;
    }
    .codecs .field-error {
      width: 100%;
      margin: 0;
    }
    @media (max-width: 560px) {
      .form-grid.three,
      .modes {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class TrunkDialog implements OnInit {
  private readonly api = inject(TrunksApi);
  private readonly document = inject(DOCUMENT);

  readonly trunk = input<TrunkView | null>(null);
  readonly presets = input<readonly TrunkPresetView[]>([]);
  readonly saved = output<TrunkView>();
  readonly dismiss = output<void>();

  protected readonly presetIds = TRUNK_PRESET_IDS;
  protected readonly codecIds = TRUNK_CODEC_IDS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    preset: ['fpt' as TrunkPresetId],
    authMode: ['ip' as 'ip' | 'registration'],
    host: ['', [Validators.maxLength(255)]],
    port: [5060 as number | null, [Validators.required, Validators.min(1), Validators.max(65535)]],
    transport: ['udp' as 'udp' | 'tcp' | 'tls'],
    fromDomain: ['', [Validators.maxLength(255)]],
    username: ['', [Validators.maxLength(64)]],
    secret: ['', [Validators.maxLength(60)]],
    matchIps: [''],
    codecs: [['alaw', 'ulaw'] as TrunkCodecId[]],
    maxChannels: [null as number | null, [Validators.min(1), Validators.max(10000)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  private readonly mode = toSignal(this.form.controls.authMode.valueChanges, { initialValue: 'ip' as const });
  private readonly presetId = toSignal(this.form.controls.preset.valueChanges, {
    initialValue: 'fpt' as TrunkPresetId,
  });
  protected readonly codecs = toSignal(this.form.controls.codecs.valueChanges, {
    initialValue: ['alaw', 'ulaw'] as TrunkCodecId[],
  });
  protected readonly registration = computed(() => this.mode() === 'registration');
  protected readonly isStatic = computed(() => this.trunk()?.managed === false);
  protected readonly presetNote = computed(
    () => this.presets().find((p) => p.id === this.presetId())?.note ?? null,
  );

  ngOnInit(): void {
    const t = this.trunk();
    if (t) {
      this.form.reset({
        name: t.name,
        preset: t.preset,
        authMode: t.authMode,
        host: t.host,
        port: t.port,
        transport: t.transport,
        fromDomain: t.fromDomain ?? '',
        username: t.username ?? '',
        secret: '',
        matchIps: t.matchIps.join(', '),
        codecs: t.codecs.filter((c): c is TrunkCodecId => (TRUNK_CODEC_IDS as readonly string[]).includes(c)),
        maxChannels: t.maxChannels,
      });
      if (!t.managed) {
        for (const name of ORDER) if (name !== 'name') this.form.controls[name].disable();
      }
    } else {
      this.applyPreset();
    }
  }

  protected presetName(id: TrunkPresetId): string {
    return this.presets().find((p) => p.id === id)?.name ?? id;
  }

  protected codecLabel(codec: TrunkCodecId): string {
    return { alaw: 'G.711 A-law', ulaw: 'G.711 µ-law', g722: 'G.722', gsm: 'GSM' }[codec];
  }

  /** A new trunk takes the chosen carrier's defaults (an edited one keeps its settings). */
  protected applyPreset(): void {
    if (this.trunk()) return;
    const p = this.presets().find((x) => x.id === this.form.controls.preset.value);
    if (!p) return;
    const name = this.form.controls.name.value;
    const others = this.presets().map((x) => x.name);
    this.form.patchValue({
      name: !name || others.includes(name) ? p.name : name,
      authMode: p.authMode,
      transport: p.transport,
      port: p.port,
      host: p.host,
      fromDomain: p.fromDomain,
      codecs: [...p.codecs],
    });
  }

  protected toggleCodec(codec: TrunkCodecId): void {
    const current = this.form.controls.codecs.value;
    const next = current.includes(codec) ? current.filter((c) => c !== codec) : [...current, codec];
    this.form.controls.codecs.setValue(TRUNK_CODEC_IDS.filter((c) => next.includes(c)));
    this.form.controls.codecs.markAsDirty();
  }

  protected message(name: (typeof ORDER)[number]): Message | null {
    const control = this.form.controls[name];
    if (control.hasError('required') && (control.touched || control.dirty))
      return { key: 'trunks.error.required' };
    return controlMessage(name, control);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstError();
      return;
    }
    const v = this.form.getRawValue();
    const current = this.trunk();
    let body: Partial<TrunkRequest>;
    if (current && !current.managed) {
      body = { name: v.name.trim() };
    } else {
      const registration = v.authMode === 'registration';
      body = {
        name: v.name.trim(),
        preset: v.preset,
        authMode: v.authMode,
        host: v.host.trim(),
        port: v.port ?? 5060,
        transport: v.transport,
        fromDomain: v.fromDomain.trim() || null,
        codecs: v.codecs,
        maxChannels: v.maxChannels || null,
        ...(registration
          ? { username: v.username.trim() || null, ...(v.secret ? { secret: v.secret } : {}) }
          : {
              matchIps: v.matchIps
                .split(/[,\s]+/)
                .map((s) => s.trim())
                .filter(Boolean),
            }),
      };
    }
    this.pending.set(true);
    (current ? this.api.update(current.id, body) : this.api.create(body as TrunkRequest)).subscribe({
      next: (trunk) => {
        this.pending.set(false);
        this.saved.emit(trunk);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        if (failure.status === 400) {
          const orphans = applyFieldErrors(this.form, failure);
          this.error.set(orphans.length ? { text: orphans.join(' ') } : null);
        } else if (failure.status === 409 && conflictFields(failure).includes('name')) {
          const details = fieldErrors({
            ...failure,
            body: { fields: (failure.body as { details?: unknown }).details },
          });
          this.form.controls.name.setErrors({ server: details[0]?.message ?? failure.body.message ?? '' });
          this.form.controls.name.markAsTouched();
        } else {
          this.error.set(failureMessage(error));
        }
        this.focusFirstError();
      },
    });
  }

  private focusFirstError(): void {
    const first = ORDER.find((n) => this.form.controls[n].invalid);
    if (first) this.document.getElementById(`trunk-${first}`)?.focus();
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import type { FlowGraph } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { FlowStore } from './flow-store';
import { DEFAULT_QUEUE_PRIORITY, DEFAULT_RING_TIMEOUT_S, type Dest, ivrsOf, shiftsOf } from './graph';

/** Nesting depth from which a picker no longer offers destinations that continue elsewhere. */
const MAX_DEPTH = 2;

/**
 * Where a call goes: an existing IVR menu or work shift, a queue group (caller priority, then
 * where callers go when it is full or they press its exit key), a prompt then somewhere else, an
 * extension (ring time, then optionally elsewhere), an extension's voicemail, an external
 * number, a callback by a queue's agents (in a queue's own branches: that queue), or hang up. Shared by the entry of a flow, the shift and the IVR dialogs; the leaves
 * become generated nodes when the flow is saved (see `materialise`).
 */
@Component({
  selector: 'wc-destination-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon],
  template: `
    <div class="dest" [class.nested]="depth() > 0">
      <select
        class="input"
        [id]="inputId()"
        [attr.data-testid]="inputId()"
        [attr.aria-invalid]="messages().length ? 'true' : null"
        [attr.aria-label]="ariaLabel() || null"
        [disabled]="disabled()"
        (change)="onChoice($any($event.target).value)"
      >
        @if (optional()) {
          <option value="none" [selected]="choice() === 'none'">
            {{ noneLabel() || ('pbx.dest.default' | t) }}
          </option>
        } @else {
          <option value="none" disabled [selected]="choice() === 'none'">{{ 'pbx.dest.choose' | t }}</option>
        }
        @if (ivrs().length) {
          <optgroup [label]="'pbx.dest.group.ivr' | t">
            @for (n of ivrs(); track n.id) {
              <option [value]="'node:' + n.id" [selected]="choice() === 'node:' + n.id">
                {{ 'pbx.dest.ivr' | t: { name: n.label || n.id } }}
              </option>
            }
          </optgroup>
        }
        @if (shifts().length) {
          <optgroup [label]="'pbx.dest.group.shift' | t">
            @for (n of shifts(); track n.id) {
              <option [value]="'node:' + n.id" [selected]="choice() === 'node:' + n.id">
                {{ 'pbx.dest.shift' | t: { name: n.label || n.id } }}
              </option>
            }
          </optgroup>
        }
        @if (store.queues().length || unknownQueue()) {
          <optgroup [label]="'pbx.dest.group.queue' | t" [attr.data-testid]="inputId() + '-queues'">
            @for (q of store.queues(); track q.id) {
              <option [value]="'queue:' + q.id" [selected]="choice() === 'queue:' + q.id">
                {{ 'pbx.describe.queueOf' | t: { name: q.name } }}
              </option>
            }
            @if (unknownQueue(); as id) {
              <option [value]="'queue:' + id" selected>{{ 'pbx.describe.queue' | t: { id } }}</option>
            }
          </optgroup>
        }
        @if (unknownNode(); as id) {
          <option [value]="'node:' + id" selected>{{ 'pbx.dest.missing' | t: { id } }}</option>
        }
        <optgroup [label]="'pbx.dest.group.other' | t">
          <option value="extension" [selected]="choice() === 'extension'">
            {{ 'pbx.dest.kind.extension' | t }}
          </option>
          <option value="voicemail" [selected]="choice() === 'voicemail'">
            {{ 'pbx.dest.kind.voicemail' | t }}
          </option>
          @if (depth() < maxDepth) {
            <option value="play" [selected]="choice() === 'play'">{{ 'pbx.dest.kind.play' | t }}</option>
          }
          <option value="external" [selected]="choice() === 'external'">
            {{ 'pbx.dest.kind.external' | t }}
          </option>
          @if (store.queues().length || value().kind === 'callback') {
            <option value="callback" [selected]="choice() === 'callback'">
              {{ 'pbx.dest.kind.callback' | t }}
            </option>
          }
          <option value="hangup" [selected]="choice() === 'hangup'">{{ 'pbx.dest.kind.hangup' | t }}</option>
        </optgroup>
      </select>

      @switch (value().kind) {
        @case ('extension') {
          @if (asExtension(); as d) {
            <div class="sub">
              <label class="sub-field grow">
                <span>{{ 'pbx.dest.extension' | t }}</span>
                <select
                  class="input"
                  [attr.data-testid]="inputId() + '-extension'"
                  [disabled]="disabled()"
                  (change)="patch({ extension: $any($event.target).value })"
                >
                  <option value="" disabled [selected]="!d.extension">
                    {{ 'pbx.dest.chooseExtension' | t }}
                  </option>
                  @for (e of store.extensions(); track e.extension) {
                    <option [value]="e.extension" [selected]="e.extension === d.extension">
                      {{ e.extension }} — {{ e.name }}
                    </option>
                  }
                  @if (d.extension && !store.userOf(d.extension)) {
                    <option [value]="d.extension" selected>{{ d.extension }}</option>
                  }
                </select>
              </label>
              <label class="sub-field ring">
                <span>{{ 'pbx.dest.ringTimeout' | t }}</span>
                <input
                  class="input"
                  type="number"
                  min="5"
                  max="300"
                  [attr.data-testid]="inputId() + '-ring'"
                  [disabled]="disabled()"
                  [value]="d.ringTimeoutS"
                  (input)="patch({ ringTimeoutS: toInt($any($event.target).value) })"
                />
              </label>
            </div>
            @if (depth() < maxDepth) {
              <div class="then">
                <span class="then-label">{{ 'pbx.dest.onNoAnswer' | t }}</span>
                <wc-destination-picker
                  [inputId]="inputId() + '-next'"
                  [graph]="graph()"
                  [exclude]="exclude()"
                  [optional]="true"
                  [depth]="depth() + 1"
                  [disabled]="disabled()"
                  [ariaLabel]="'pbx.dest.onNoAnswer' | t"
                  [value]="d.onNoAnswer"
                  (valueChange)="patch({ onNoAnswer: $event })"
                />
              </div>
            }
          }
        }
        @case ('queue') {
          @if (asQueue(); as d) {
            <div class="sub">
              <label class="sub-field ring">
                <span>{{ 'pbx.dest.priority' | t }}</span>
                <select
                  class="input"
                  [attr.data-testid]="inputId() + '-priority'"
                  [attr.title]="'pbx.dest.priorityHint' | t"
                  [disabled]="disabled()"
                  (change)="patch({ priority: toInt($any($event.target).value) })"
                >
                  @for (p of priorities; track p) {
                    <option [value]="p" [selected]="p === d.priority">
                      {{ p === 0 ? ('pbx.dest.priorityNormal' | t) : p }}
                    </option>
                  }
                </select>
              </label>
              <p class="sub-hint">{{ 'pbx.dest.priorityHint' | t }}</p>
            </div>
            @if (depth() < maxDepth) {
              <div class="then">
                <span class="then-label">{{ 'pbx.dest.onOverflow' | t }}</span>
                <wc-destination-picker
                  [inputId]="inputId() + '-overflow'"
                  [graph]="graph()"
                  [exclude]="exclude()"
                  [optional]="true"
                  [depth]="depth() + 1"
                  [disabled]="disabled()"
                  [ariaLabel]="'pbx.dest.onOverflow' | t"
                  [callbackQueueId]="d.queueId"
                  [value]="d.onOverflow"
                  (valueChange)="patch({ onOverflow: $event })"
                />
              </div>
              <div class="then">
                <span class="then-label">{{ 'pbx.dest.onExit' | t }}</span>
                <wc-destination-picker
                  [inputId]="inputId() + '-exit'"
                  [graph]="graph()"
                  [exclude]="exclude()"
                  [optional]="true"
                  [noneLabel]="'pbx.dest.exitNone' | t"
                  [depth]="depth() + 1"
                  [disabled]="disabled()"
                  [ariaLabel]="'pbx.dest.onExit' | t"
                  [callbackQueueId]="d.queueId"
                  [value]="d.onExit"
                  (valueChange)="patch({ onExit: $event })"
                />
              </div>
            }
          }
        }
        @case ('voicemail') {
          @if (asVoicemail(); as d) {
            <label class="sub-field">
              <span>{{ 'pbx.dest.mailbox' | t }}</span>
              <select
                class="input"
                [attr.data-testid]="inputId() + '-mailbox'"
                [disabled]="disabled()"
                (change)="patch({ mailbox: $any($event.target).value })"
              >
                <option value="" disabled [selected]="!d.mailbox">
                  {{ 'pbx.dest.chooseExtension' | t }}
                </option>
                @for (e of store.extensions(); track e.extension) {
                  <option [value]="e.extension" [selected]="e.extension === d.mailbox">
                    {{ e.extension }} — {{ e.name }}
                  </option>
                }
              </select>
            </label>
          }
        }
        @case ('play') {
          @if (asPlay(); as d) {
            <label class="sub-field">
              <span>{{ 'pbx.dest.prompt' | t }}</span>
              <select
                class="input"
                [attr.data-testid]="inputId() + '-prompt'"
                [disabled]="disabled()"
                (change)="patch({ promptId: $any($event.target).value })"
              >
                <option value="" disabled [selected]="!d.promptId">{{ 'pbx.prompt.choose' | t }}</option>
                @for (p of store.prompts(); track p.id) {
                  <option [value]="'' + p.id" [selected]="'' + p.id === d.promptId">{{ p.name }}</option>
                }
              </select>
            </label>
            <div class="then">
              <span class="then-label">{{ 'pbx.dest.then' | t }}</span>
              <wc-destination-picker
                [inputId]="inputId() + '-next'"
                [graph]="graph()"
                [exclude]="exclude()"
                [optional]="true"
                [noneLabel]="'pbx.dest.kind.hangup' | t"
                [depth]="depth() + 1"
                [disabled]="disabled()"
                [ariaLabel]="'pbx.dest.then' | t"
                [value]="d.next"
                (valueChange)="patch({ next: $event })"
              />
            </div>
          }
        }
        @case ('callback') {
          @if (asCallback(); as d) {
            <div class="sub">
              <label class="sub-field grow">
                <span>{{ 'pbx.dest.callbackQueue' | t }}</span>
                <select
                  class="input"
                  [attr.data-testid]="inputId() + '-callback-queue'"
                  [disabled]="disabled()"
                  (change)="patch({ queueId: $any($event.target).value })"
                >
                  <option value="" disabled [selected]="!d.queueId">{{ 'pbx.dest.chooseQueue' | t }}</option>
                  @for (q of store.queues(); track q.id) {
                    <option [value]="'' + q.id" [selected]="'' + q.id === d.queueId">{{ q.name }}</option>
                  }
                  @if (d.queueId && !store.queueName(d.queueId)) {
                    <option [value]="d.queueId" selected>
                      {{ 'pbx.describe.queue' | t: { id: d.queueId } }}
                    </option>
                  }
                </select>
              </label>
              <p class="sub-hint">{{ 'pbx.dest.callbackHint' | t }}</p>
            </div>
          }
        }
        @case ('external') {
          @if (asExternal(); as d) {
            <label class="sub-field">
              <span>{{ 'pbx.dest.number' | t }}</span>
              <input
                class="input"
                type="tel"
                inputmode="tel"
                maxlength="21"
                autocomplete="off"
                placeholder="0912345678"
                [attr.data-testid]="inputId() + '-number'"
                [disabled]="disabled()"
                [value]="d.number"
                (input)="patch({ number: $any($event.target).value })"
              />
            </label>
          }
        }
      }
      @for (m of messages(); track $index) {
        <p class="field-error" [attr.data-testid]="'field-error-' + inputId()">
          <wc-icon name="alert" />{{ m | msg }}
        </p>
      }
    </div>
  `,
  styles: `
    .dest {
      display: grid;
      gap: 8px;
      min-width: 0;
    }
    .dest.nested {
      padding: 10px 12px;
      border-left: 3px solid var(--primary-soft);
      border-radius: 0 8px 8px 0;
      background: #f8fafc;
    }
    .sub {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
    }
    .sub-field {
      display: grid;
      gap: 4px;
      min-width: 0;
    }
    .sub-field span,
    .then-label {
      color: var(--muted);
      font-size: 0.8125rem;
      font-weight: 600;
    }
    .sub-field.grow {
      flex: 1 1 220px;
    }
    .sub-field.ring {
      flex: 0 0 130px;
    }
    .sub-hint {
      flex: 1 1 200px;
      align-self: end;
      margin: 0 0 8px;
      color: var(--muted);
      font-size: 0.8125rem;
    }
    .then {
      display: grid;
      gap: 4px;
    }
  `,
})
export class DestinationPicker {
  protected readonly store = inject(FlowStore);

  readonly value = model.required<Dest>();
  readonly graph = input.required<FlowGraph>();
  /** The control's id (and test id); sub-controls append `-extension`, `-next`… */
  readonly inputId = input.required<string>();
  /** The node being edited: it cannot point to itself. */
  readonly exclude = input<string | null>(null);
  /** May be left empty (the runtime's default: hang up). */
  readonly optional = input(false);
  readonly noneLabel = input<string>('');
  readonly ariaLabel = input<string>('');
  readonly depth = input(0);
  readonly disabled = input(false);
  /** The queue a "call the caller back" choice starts with (a queue's own overflow/exit branch). */
  readonly callbackQueueId = input<string | null>(null);
  /** Problems at this field (and at the leaves it points to). */
  readonly messages = input<readonly Message[]>([]);

  protected readonly maxDepth = MAX_DEPTH;
  protected readonly ivrs = computed(() => ivrsOf(this.graph()).filter((n) => n.id !== this.exclude()));
  protected readonly shifts = computed(() => shiftsOf(this.graph()).filter((n) => n.id !== this.exclude()));
  protected readonly priorities = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  protected readonly choice = computed(() => {
    const v = this.value();
    if (v.kind === 'node') return `node:${v.nodeId}`;
    if (v.kind === 'queue') return `queue:${v.queueId}`;
    return v.kind;
  });
  /** A queue id the tenant's list does not hold (deleted, or the list is not loaded yet). */
  protected readonly unknownQueue = computed(() => {
    const v = this.value();
    if (v.kind !== 'queue' || !v.queueId) return null;
    return this.store.queues().some((q) => String(q.id) === v.queueId) ? null : v.queueId;
  });
  /** A node id that is not a menu or shift of the graph (a stale reference): shown as missing. */
  protected readonly unknownNode = computed(() => {
    const v = this.value();
    if (v.kind !== 'node') return null;
    return this.graph().nodes.some((n) => n.id === v.nodeId && (n.type === 'ivr' || n.type === 'shift'))
      ? null
      : v.nodeId;
  });

  protected readonly asExtension = computed(() => narrow(this.value(), 'extension'));
  protected readonly asVoicemail = computed(() => narrow(this.value(), 'voicemail'));
  protected readonly asQueue = computed(() => narrow(this.value(), 'queue'));
  protected readonly asPlay = computed(() => narrow(this.value(), 'play'));
  protected readonly asExternal = computed(() => narrow(this.value(), 'external'));
  protected readonly asCallback = computed(() => narrow(this.value(), 'callback'));

  protected onChoice(choice: string): void {
    if (choice.startsWith('node:')) return this.value.set({ kind: 'node', nodeId: choice.slice(5) });
    if (choice.startsWith('queue:')) {
      const previous = this.value();
      // Switching from one queue to another keeps the priority and branches already chosen.
      return this.value.set(
        previous.kind === 'queue'
          ? { ...previous, queueId: choice.slice(6) }
          : {
              kind: 'queue',
              queueId: choice.slice(6),
              priority: DEFAULT_QUEUE_PRIORITY,
              onOverflow: { kind: 'none' },
              onExit: { kind: 'none' },
            },
      );
    }
    const first = this.store.extensions()[0]?.extension ?? '';
    switch (choice) {
      case 'extension':
        return this.value.set({
          kind: 'extension',
          extension: first,
          ringTimeoutS: DEFAULT_RING_TIMEOUT_S,
          onNoAnswer: { kind: 'none' },
        });
      case 'voicemail':
        return this.value.set({ kind: 'voicemail', mailbox: first });
      case 'play':
        return this.value.set({ kind: 'play', promptId: '', next: { kind: 'none' } });
      case 'external':
        return this.value.set({ kind: 'external', number: '' });
      case 'callback': {
        const previous = this.value();
        const queueId =
          previous.kind === 'queue' || previous.kind === 'callback'
            ? previous.queueId
            : this.callbackQueueId() || String(this.store.queues()[0]?.id ?? '');
        return this.value.set({ kind: 'callback', queueId });
      }
      case 'hangup':
        return this.value.set({ kind: 'hangup' });
      default:
        return this.value.set({ kind: 'none' });
    }
  }

  protected patch(change: Record<string, unknown>): void {
    this.value.update((v) => ({ ...v, ...change }) as Dest);
  }

  protected toInt(text: string): number {
    const n = Number(text);
    return Number.isFinite(n) ? Math.trunc(n) : 0;
  }
}

function narrow<K extends Dest['kind']>(dest: Dest, kind: K): Extract<Dest, { kind: K }> | null {
  return dest.kind === kind ? (dest as Extract<Dest, { kind: K }>) : null;
}

import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { FlowView } from '@webcall/contracts';
import { DTMF_KEYS, type DtmfKey, type FlowGraph, type IvrNode } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { Modal } from '../../../../shared/modal';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { DestinationPicker } from '../shared/destination-picker';
import { type PlacedProblem, placeProblems } from '../shared/describe';
import { FlowStore } from '../shared/flow-store';
import {
  type Dest,
  cloneGraph,
  destOf,
  fieldMatches,
  materialise,
  newNodeId,
  withNode,
} from '../shared/graph';
import { PromptSelect } from '../shared/prompt-select';

interface KeyRow {
  key: DtmfKey;
  dest: Dest;
}

/** `*` and `#` in element ids. */
export function keyId(key: string): string {
  return key === '*' ? 'star' : key === '#' ? 'hash' : key;
}

/**
 * Add or edit an IVR menu (F16): its prompt, which key goes where (another menu makes a nested
 * one), how long to wait, how many retries, the invalid-key and timeout prompts, where callers go
 * after the last retry, and whether they may dial an extension directly.
 */
@Component({
  selector: 'wc-ivr-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon, DestinationPicker, PromptSelect],
  styleUrls: ['../../users/users.css', '../shared/pbx.css'],
  host: { class: 'wide-modal' },
  templateUrl: './ivr-dialog.html',
  styles: `
    .keys {
      display: grid;
      gap: 0;
      border: 1px solid var(--border);
      border-radius: 10px;
    }
    .key-row {
      display: grid;
      grid-template-columns: 44px minmax(0, 1fr) auto;
      align-items: start;
      gap: 10px;
      padding: 10px 12px;
      border-bottom: 1px solid var(--border);
    }
    .key-row:last-child {
      border-bottom: 0;
    }
    .key-row .key {
      margin-top: 6px;
    }
    .add-key {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .add-key select {
      width: 150px;
    }
    .numbers {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 16px;
    }
    .switch-row {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      cursor: pointer;
    }
    .switch-row input {
      width: 18px;
      height: 18px;
      margin: 2px 0 0;
      accent-color: var(--primary);
    }
    .switch-row strong {
      display: block;
      font-size: 0.875rem;
    }
    .switch-row small {
      color: var(--muted);
      font-size: 0.8125rem;
    }
    .empty-keys {
      margin: 0;
      padding: 12px;
      border: 1px dashed var(--border-strong);
      border-radius: 10px;
      color: var(--muted);
      font-size: 0.875rem;
    }
  `,
})
export class IvrDialog implements OnInit {
  protected readonly store = inject(FlowStore);
  private readonly document = inject(DOCUMENT);

  readonly node = input<IvrNode | null>(null);
  readonly graph = input.required<FlowGraph>();
  readonly focusField = input<string | null>(null);
  readonly saved = output<FlowView>();
  readonly dismiss = output<void>();

  protected readonly keyId = keyId;
  protected readonly id = signal('');
  protected readonly label = signal('');
  protected readonly promptId = signal('');
  protected readonly keys = signal<KeyRow[]>([]);
  protected readonly timeoutS = signal(5);
  protected readonly retries = signal(2);
  protected readonly invalidPromptId = signal('');
  protected readonly timeoutPromptId = signal('');
  protected readonly onFailure = signal<Dest>({ kind: 'none' });
  protected readonly directDial = signal(false);
  protected readonly freeKeys = computed(() =>
    DTMF_KEYS.filter((k) => !this.keys().some((row) => row.key === k)),
  );

  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly problems = signal<PlacedProblem[]>([]);
  private readonly mine = computed(() => this.problems().filter((p) => p.ownerId === this.id()));
  protected readonly others = computed(() => this.problems().filter((p) => p.ownerId !== this.id()));

  constructor() {
    afterNextRender(() => {
      const field = this.focusField();
      if (field) this.reveal(field);
    });
  }

  ngOnInit(): void {
    const node = this.node();
    const graph = this.graph();
    if (!node) {
      this.id.set(newNodeId(graph, 'ivr'));
      return;
    }
    this.id.set(node.id);
    this.label.set(node.label ?? '');
    this.promptId.set(node.prompt?.promptId ?? '');
    this.keys.set(
      DTMF_KEYS.filter((k) => node.keys?.[k] !== undefined).map((key) => ({
        key,
        dest: destOf(graph, node.keys[key]),
      })),
    );
    this.timeoutS.set(node.timeoutS);
    this.retries.set(node.retries);
    this.invalidPromptId.set(node.invalidPrompt?.promptId ?? '');
    this.timeoutPromptId.set(node.timeoutPrompt?.promptId ?? '');
    this.onFailure.set(destOf(graph, node.onFailure));
    this.directDial.set(!!node.directDial);
  }

  protected messagesAt(field: string): Message[] {
    return this.mine()
      .filter((p) => fieldMatches(p.ownerField, field))
      .map((p) => p.message);
  }

  protected addKey(key: string): void {
    if (!key) return;
    this.keys.update((rows) =>
      [...rows, { key: key as DtmfKey, dest: { kind: 'none' } as Dest }].sort(
        (a, b) => DTMF_KEYS.indexOf(a.key) - DTMF_KEYS.indexOf(b.key),
      ),
    );
    setTimeout(() => this.document.getElementById(`ivr-keys-${keyId(key)}`)?.focus());
  }

  protected setKey(key: DtmfKey, dest: Dest): void {
    this.keys.update((rows) => rows.map((row) => (row.key === key ? { ...row, dest } : row)));
  }

  protected removeKey(key: DtmfKey): void {
    this.keys.update((rows) => rows.filter((row) => row.key !== key));
  }

  protected int(text: string): number {
    const n = Number(text);
    return text.trim() === '' || !Number.isFinite(n) ? NaN : n;
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    const label = this.label().trim();
    if (!label) {
      this.problems.set([
        {
          nodeId: this.id(),
          field: 'label',
          code: 'required',
          message: { key: 'pbx.ivr.nameRequired' },
          ownerId: this.id(),
          ownerField: 'label',
        },
      ]);
      this.reveal('label');
      return;
    }
    const graph = cloneGraph(this.graph());
    const keys: IvrNode['keys'] = {};
    for (const row of this.keys()) keys[row.key] = materialise(graph, row.dest) ?? '';
    const onFailure = materialise(graph, this.onFailure());
    const node: IvrNode = {
      id: this.id(),
      type: 'ivr',
      label,
      // An empty prompt id is sent as such: validation names the field.
      prompt: { promptId: this.promptId() },
      keys,
      timeoutS: this.timeoutS(),
      retries: this.retries(),
      ...(this.invalidPromptId() ? { invalidPrompt: { promptId: this.invalidPromptId() } } : {}),
      ...(this.timeoutPromptId() ? { timeoutPrompt: { promptId: this.timeoutPromptId() } } : {}),
      ...(onFailure ? { onFailure } : {}),
      directDial: this.directDial(),
    };
    const draft = withNode(graph, node);
    this.pending.set(true);
    const result = await this.store.saveDraft(draft);
    this.pending.set(false);
    if (result.ok) {
      this.saved.emit(result.flow);
      return;
    }
    this.problems.set(placeProblems(draft, result.problems));
    this.error.set(result.message ?? (this.others().length ? { key: 'pbx.save.otherProblems' } : null));
    const first = this.mine()[0];
    if (first) this.reveal(first.ownerField);
  }

  private reveal(field: string): void {
    setTimeout(() => {
      const id = field.startsWith('keys.')
        ? `ivr-keys-${keyId(field.slice(5))}`
        : `ivr-${field.split('.')[0]}`;
      const el = this.document.getElementById(id);
      el?.scrollIntoView({ block: 'center' });
      if (el instanceof HTMLElement) el.focus();
    });
  }
}

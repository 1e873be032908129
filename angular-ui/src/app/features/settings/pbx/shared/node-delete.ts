import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { FlowView } from '@webcall/contracts';
import type { FlowGraph, FlowNode } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { TranslationService } from '../../../../core/i18n/translation.service';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { describeNode, fieldLabel } from './describe';
import { FlowStore } from './flow-store';
import { referrersOf, removeNode } from './graph';

/**
 * Deleting a menu or shift: says which parts of the flow point to it (they will hang up instead),
 * then saves the draft without it.
 */
@Component({
  selector: 'wc-node-delete',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConfirmDialog, TranslatePipe, MessagePipe],
  template: `
    <wc-confirm-dialog
      [heading]="(node().type === 'ivr' ? 'pbx.ivr.deleteTitle' : 'pbx.shift.deleteTitle') | t"
      [confirmLabel]="'pbx.node.deleteConfirm' | t"
      [pending]="pending()"
      [error]="error()"
      (confirm)="confirm()"
      (dismiss)="dismiss.emit()"
    >
      <p>{{ 'pbx.node.deleteText' | t: { name: node().label || node().id } }}</p>
      @if (users().length) {
        <p data-testid="node-delete-used">{{ 'pbx.node.usedBy' | t }}</p>
        <ul class="used" data-testid="node-delete-referrers">
          @for (u of users(); track $index) {
            <li>{{ u | msg }}</li>
          }
        </ul>
        <p>{{ 'pbx.node.willHangUp' | t }}</p>
      }
    </wc-confirm-dialog>
  `,
  styles: `
    .used {
      margin: 0 0 10px;
      padding-left: 20px;
      color: var(--text);
      font-weight: 500;
    }
  `,
})
export class NodeDelete {
  private readonly store = inject(FlowStore);

  readonly node = input.required<FlowNode>();
  readonly graph = input.required<FlowGraph>();
  readonly deleted = output<FlowView>();
  readonly dismiss = output<void>();

  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  private readonly i18n = inject(TranslationService);

  /** "Entry of the flow", "IVR “Main menu” — key 1"… */
  protected readonly users = computed<Message[]>(() =>
    referrersOf(this.graph(), this.node().id).map((ref) => {
      if (!ref.node) return { key: 'pbx.node.refEntry' };
      return {
        key: 'pbx.node.refField',
        params: {
          owner: this.text(describeNode(ref.node, this.store)),
          field: this.text(fieldLabel(ref.field)),
        },
      };
    }),
  );

  private text(message: Message): string {
    return 'text' in message ? message.text : this.i18n.t(message.key, message.params);
  }

  protected async confirm(): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    const result = await this.store.saveDraft(removeNode(this.graph(), this.node().id));
    this.pending.set(false);
    if (result.ok) this.deleted.emit(result.flow);
    else this.error.set(result.message ?? result.problems[0]?.message ?? { key: 'auth.error.server' });
  }
}

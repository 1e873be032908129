import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';

/** Placeholder until this tab is built. */
@Component({
  selector: 'wc-pbx-flows-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<p class="muted" data-testid="pbx-flows-placeholder">{{ 'page.placeholder.note' | t }}</p>`,
})
export default class FlowsTab {}

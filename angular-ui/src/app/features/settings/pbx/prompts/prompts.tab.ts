import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';

/** Placeholder until this tab is built. */
@Component({
  selector: 'wc-pbx-prompts-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<p class="muted" data-testid="pbx-prompts-placeholder">{{ 'page.placeholder.note' | t }}</p>`,
})
export default class PromptsTab {}

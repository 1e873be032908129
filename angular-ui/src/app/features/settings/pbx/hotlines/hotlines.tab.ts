import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';

/** Placeholder until this tab is built. */
@Component({
  selector: 'wc-pbx-hotlines-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<p class="muted" data-testid="pbx-hotlines-placeholder">{{ 'page.placeholder.note' | t }}</p>`,
})
export default class HotlinesTab {}

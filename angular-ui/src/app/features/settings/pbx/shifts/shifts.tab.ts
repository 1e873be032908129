import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';

/** Placeholder until this tab is built. */
@Component({
  selector: 'wc-pbx-shifts-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<p class="muted" data-testid="pbx-shifts-placeholder">{{ 'page.placeholder.note' | t }}</p>`,
})
export default class ShiftsTab {}

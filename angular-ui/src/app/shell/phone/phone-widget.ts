import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PhoneButton } from './phone-button';
import { PhonePanel } from './phone-panel';

/** The webphone's top-bar button and its docked panel (fixed to the viewport), loaded together. */
@Component({
  selector: 'wc-phone-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PhoneButton, PhonePanel],
  host: { style: 'display: contents' },
  template: `<wc-phone-button /><wc-phone-panel />`,
})
export class PhoneWidget {}

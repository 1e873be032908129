import { ChangeDetectionStrategy, Component } from '@angular/core';
import { QueueButton } from '../queue/queue-button';
import { QueuePanel } from '../queue/queue-panel';
import { PhoneButton } from './phone-button';
import { PhonePanel } from './phone-panel';

/**
 * The webphone's top-bar button and its docked panel (fixed to the viewport), loaded together;
 * beside them the agent's queue button and panel (shown only to members of a queue).
 */
@Component({
  selector: 'wc-phone-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PhoneButton, PhonePanel, QueueButton, QueuePanel],
  host: { style: 'display: contents' },
  template: `<wc-queue-button /><wc-phone-button /><wc-phone-panel /><wc-queue-panel />`,
})
export class PhoneWidget {}

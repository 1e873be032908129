import { ChangeDetectionStrategy, Component, ViewContainerRef, afterNextRender, inject } from '@angular/core';

/**
 * Where the webphone goes in the top bar. The phone (button, docked panel, and SIP.js behind
 * them) is fetched after the console's first render, so it never weighs on the first page;
 * a plain dynamic import keeps even `@defer`'s runtime out of the initial bundle.
 */
@Component({
  selector: 'wc-phone-slot',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: '',
})
export class PhoneSlot {
  constructor() {
    const container = inject(ViewContainerRef);
    afterNextRender(() => {
      void import('./phone-widget').then(({ PhoneWidget }) => container.createComponent(PhoneWidget));
    });
  }
}

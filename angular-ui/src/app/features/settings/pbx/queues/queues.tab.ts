import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';

/**
 * Queue groups (F15) arrive with the queues release: until then this tab says so and points to
 * what routes calls today (extensions from IVR menus and work shifts).
 */
@Component({
  selector: 'wc-pbx-queues-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon, RouterLink],
  styleUrls: ['../../../../shared/list-page.css', '../../users/users.css', '../shared/pbx.css'],
  template: `
    <section class="card" data-testid="pbx-queues">
      <div class="card-head">
        <div>
          <h2>{{ 'pbx.queue.title' | t }}</h2>
          <p>{{ 'pbx.queue.lead' | t }}</p>
        </div>
        <span class="badge badge-info">{{ 'pbx.queue.soon' | t }}</span>
      </div>
      <div class="empty-state" data-testid="pbx-queues-coming">
        <span class="empty-icon"><wc-icon name="staff" /></span>
        <h2>{{ 'pbx.queue.comingTitle' | t }}</h2>
        <p>{{ 'pbx.queue.comingText' | t }}</p>
        <ul class="plan">
          <li><wc-icon name="check" />{{ 'pbx.queue.plan.members' | t }}</li>
          <li><wc-icon name="check" />{{ 'pbx.queue.plan.strategy' | t }}</li>
          <li><wc-icon name="check" />{{ 'pbx.queue.plan.timeouts' | t }}</li>
        </ul>
        <p>{{ 'pbx.queue.today' | t }}</p>
        <div class="head-actions">
          <a class="btn btn-primary" routerLink="../ivrs">{{ 'pbx.queue.toIvr' | t }}</a>
          <a class="btn btn-secondary" routerLink="/settings/users">{{ 'pbx.queue.toUsers' | t }}</a>
        </div>
      </div>
    </section>
  `,
  styles: `
    .plan {
      display: grid;
      gap: 6px;
      margin: 4px 0 10px;
      padding: 0;
      color: var(--text);
      list-style: none;
      text-align: left;
    }
    .plan li {
      display: flex;
      align-items: center;
      gap: 8px;
      --icon-size: 16px;
    }
    .plan wc-icon {
      color: var(--ok-dot);
    }
  `,
})
export default class QueuesTab {}

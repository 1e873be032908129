import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SessionUser } from '@webcall/contracts';
import type { HealthState } from '../core/health/health.model';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import type { Lang } from '../core/i18n/translation.service';
import { AccountMenu } from './account-menu';
import { HealthBadge } from './health-badge';
import { Icon } from './icon';
import { LangSwitch } from './lang-switch';
import { PhoneSlot } from './phone/phone-slot';

@Component({
  selector: 'wc-top-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, Icon, HealthBadge, LangSwitch, AccountMenu, PhoneSlot],
  templateUrl: './top-bar.html',
  styleUrl: './top-bar.css',
})
export class TopBar {
  readonly health = input.required<HealthState>();
  readonly lang = input.required<Lang>();
  readonly navOpen = input(false);
  readonly user = input<SessionUser | null>(null);
  readonly langChange = output<Lang>();
  readonly navToggle = output<void>();
  readonly logout = output<void>();
}

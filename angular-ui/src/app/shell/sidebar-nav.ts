import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { Icon } from './icon';
import type { NavSection } from './nav';

/** The site map as a list of sections; `aria-current="page"` marks the active link. */
@Component({
  selector: 'wc-sidebar-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, TranslatePipe, Icon],
  templateUrl: './sidebar-nav.html',
  styleUrl: './sidebar-nav.css',
})
export class SidebarNav {
  readonly sections = input.required<readonly NavSection[]>();
  /** Emitted when a link is followed, so a drawer on small screens can close. */
  readonly navigate = output<void>();
}

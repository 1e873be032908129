import { Pipe, type PipeTransform, inject } from '@angular/core';
import { TranslationService } from '../../core/i18n/translation.service';
import type { Message } from './form-support';

/** `{{ message | msg }}`: translates a key-based message; server text is shown as received. */
@Pipe({ name: 'msg', pure: false })
export class MessagePipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(message: Message | null | undefined): string {
    if (!message) return '';
    return 'text' in message ? message.text : this.i18n.t(message.key, message.params);
  }
}

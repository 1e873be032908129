import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Language } from '#contracts';
import nodemailer, { type Transporter } from 'nodemailer';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { MailTemplate } from './mail-template.js';
import { INVITE } from './templates/invite.js';
import { RESET_PASSWORD } from './templates/reset-password.js';
import { VOICEMAIL } from './templates/voicemail.js';

export const MAIL_TEMPLATES = {
  resetPassword: new MailTemplate(RESET_PASSWORD),
  invite: new MailTemplate(INVITE),
  voicemail: new MailTemplate(VOICEMAIL),
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;

/** Sends the product's mails over SMTP (SMTP_URL; the local sink in development and tests). */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.transport = nodemailer.createTransport(config.SMTP_URL);
  }

  async send(
    to: string,
    template: MailTemplateName,
    language: Language,
    context: Record<string, unknown>,
  ): Promise<void> {
    const mail = MAIL_TEMPLATES[template].render(language, context);
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, to, ...mail });
    this.logger.log(`mail ${template} sent (${info.messageId})`);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

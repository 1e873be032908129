import type { Language } from '#contracts';
import Handlebars from 'handlebars';

/** Handlebars sources of one mail in one language. */
export interface MailTemplateSource {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplateSet = Record<Language, MailTemplateSource>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Compiled = Record<keyof MailTemplateSource, Handlebars.TemplateDelegate>;

/**
 * A mail template in every language, compiled once. HTML escapes every value; the subject
 * and text parts are plain text, so they are not HTML-escaped (strict mode: a missing
 * value is an error, not an empty string).
 */
export class MailTemplate {
  private readonly compiled: Record<Language, Compiled>;

  constructor(set: MailTemplateSet) {
    const compile = (source: MailTemplateSource): Compiled => ({
      subject: Handlebars.compile(source.subject, { noEscape: true, strict: true }),
      text: Handlebars.compile(source.text, { noEscape: true, strict: true }),
      html: Handlebars.compile(source.html, { strict: true }),
    });
    this.compiled = { vi: compile(set.vi), en: compile(set.en) };
  }

  render(language: Language, context: Record<string, unknown>): RenderedMail {
    const t = this.compiled[language];
    return {
      // A subject is one line whatever the data holds.
      subject: t.subject(context).replace(/[\r\n]+/g, ' '),
      text: t.text(context),
      html: t.html(context),
    };
  }
}

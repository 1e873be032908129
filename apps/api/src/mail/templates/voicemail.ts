import type { MailTemplateSet } from '../mail-template.js';

/** A voicemail message left for the user; context: `name`, `caller`, `hotline`, `seconds`, `link`. */
export const VOICEMAIL: MailTemplateSet = {
  vi: {
    subject: 'Tin nhắn thoại mới từ {{caller}}',
    text: `Xin chào {{name}},

Bạn có tin nhắn thoại mới ({{seconds}} giây) từ số {{caller}}, gọi tới hotline {{hotline}}.
Nghe tin nhắn trong WebCall:

{{link}}

WebCall
`,
    html: `<p>Xin chào {{name}},</p>
<p>Bạn có tin nhắn thoại mới ({{seconds}} giây) từ số <b>{{caller}}</b>, gọi tới hotline {{hotline}}.</p>
<p><a href="{{link}}">Nghe tin nhắn trong WebCall</a></p>
<p>WebCall</p>
`,
  },
  en: {
    subject: 'New voicemail from {{caller}}',
    text: `Hello {{name}},

You have a new voicemail ({{seconds}} seconds) from {{caller}}, who called hotline {{hotline}}.
Listen to it in WebCall:

{{link}}

WebCall
`,
    html: `<p>Hello {{name}},</p>
<p>You have a new voicemail ({{seconds}} seconds) from <b>{{caller}}</b>, who called hotline {{hotline}}.</p>
<p><a href="{{link}}">Listen to it in WebCall</a></p>
<p>WebCall</p>
`,
  },
};

import type { MailTemplateSet } from '../mail-template.js';

/** Invitation of a new user by an admin; context: `name`, `company`, `link`, `days`. */
export const INVITE: MailTemplateSet = {
  vi: {
    subject: 'Lời mời tham gia WebCall của {{company}}',
    text: `Xin chào {{name}},

Bạn được mời sử dụng WebCall của {{company}}.
Mở liên kết sau để đặt mật khẩu và kích hoạt tài khoản (có hiệu lực trong {{days}} ngày, chỉ dùng được một lần):

{{link}}

WebCall
`,
    html: `<p>Xin chào {{name}},</p>
<p>Bạn được mời sử dụng WebCall của {{company}}.</p>
<p><a href="{{link}}">Đặt mật khẩu và kích hoạt tài khoản</a> — liên kết có hiệu lực trong {{days}} ngày và chỉ dùng được một lần.</p>
<p>WebCall</p>
`,
  },
  en: {
    subject: 'Your invitation to WebCall of {{company}}',
    text: `Hello {{name}},

You have been invited to use WebCall of {{company}}.
Open this link to choose a password and activate your account (valid for {{days}} days, usable once):

{{link}}

WebCall
`,
    html: `<p>Hello {{name}},</p>
<p>You have been invited to use WebCall of {{company}}.</p>
<p><a href="{{link}}">Choose a password and activate your account</a> — the link is valid for {{days}} days and can be used once.</p>
<p>WebCall</p>
`,
  },
};

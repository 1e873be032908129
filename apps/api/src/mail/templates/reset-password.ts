import type { MailTemplateSet } from '../mail-template.js';

/** Password reset mail; context: `name`, `link`, `minutes`. */
export const RESET_PASSWORD: MailTemplateSet = {
  vi: {
    subject: 'Đặt lại mật khẩu WebCall',
    text: `Xin chào {{name}},

Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản WebCall của bạn.
Mở liên kết sau để đặt mật khẩu mới (có hiệu lực trong {{minutes}} phút, chỉ dùng được một lần):

{{link}}

Nếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu của bạn không thay đổi.

WebCall
`,
    html: `<p>Xin chào {{name}},</p>
<p>Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản WebCall của bạn.</p>
<p><a href="{{link}}">Đặt mật khẩu mới</a> — liên kết có hiệu lực trong {{minutes}} phút và chỉ dùng được một lần.</p>
<p>Nếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu của bạn không thay đổi.</p>
<p>WebCall</p>
`,
  },
  en: {
    subject: 'Reset your WebCall password',
    text: `Hello {{name}},

We received a request to reset the password of your WebCall account.
Open this link to choose a new password (valid for {{minutes}} minutes, usable once):

{{link}}

If you did not ask for this, ignore this mail; your password stays unchanged.

WebCall
`,
    html: `<p>Hello {{name}},</p>
<p>We received a request to reset the password of your WebCall account.</p>
<p><a href="{{link}}">Choose a new password</a> — the link is valid for {{minutes}} minutes and can be used once.</p>
<p>If you did not ask for this, ignore this mail; your password stays unchanged.</p>
<p>WebCall</p>
`,
  },
};

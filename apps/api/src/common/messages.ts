import type { Language } from '#contracts';

type Params = Record<string, string | number>;
type Catalog = Record<string, string>;

/** Whole-error messages, by the error's stable code. */
const ERRORS: Record<Language, Catalog> = {
  vi: {
    validation_failed: 'Dữ liệu không hợp lệ.',
    invalid_json: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    already_used: 'Một số thông tin đã được sử dụng.',
    bot_suspected: 'Không thể xử lý yêu cầu. Vui lòng thử lại.',
    invalid_credentials: 'Email hoặc mật khẩu không đúng.',
    account_locked:
      'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút.',
    account_disabled: 'Tài khoản không thể đăng nhập. Vui lòng liên hệ quản trị viên.',
    invalid_refresh_token: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    unauthorized: 'Bạn cần đăng nhập.',
    forbidden: 'Bạn không có quyền thực hiện thao tác này.',
    not_found: 'Không tìm thấy.',
    too_many_requests: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.',
    payload_too_large: 'Nội dung yêu cầu quá lớn.',
    reset_requested: 'Nếu email này có tài khoản, chúng tôi đã gửi hướng dẫn đặt lại mật khẩu.',
    internal_error: 'Đã xảy ra lỗi. Vui lòng thử lại sau.',
    bad_request: 'Yêu cầu không hợp lệ.',
    quota_users_reached: 'Công ty đã đạt giới hạn {max} người dùng. Hãy liên hệ để nâng hạn mức.',
    not_invited: 'Người dùng này đã kích hoạt tài khoản, không cần gửi lại lời mời.',
    tenant_suspended: 'Công ty của bạn đang bị tạm ngưng dịch vụ. Vui lòng liên hệ nhà cung cấp.',
    tenant_already_suspended: 'Công ty này đã bị tạm ngưng.',
    tenant_not_suspended: 'Công ty này đang hoạt động, không cần kích hoạt lại.',
    asterisk_apply_failed:
      'Tổng đài chưa nhận thay đổi ({reason}); cấu hình cũ được giữ nguyên. Vui lòng thử lại.',
    no_device: 'Tài khoản này chưa có máy (chưa kích hoạt, bị vô hiệu hóa hoặc không có số máy lẻ).',
    not_sip_mode: 'Chỉ tạo được liên kết cấu hình khi máy đang ở chế độ SIP.',
    prompt_builtin: 'Lời chào mặc định của hệ thống không thể đổi tên hay xóa.',
    prompt_in_use:
      'Lời chào đang được dùng trong luồng cuộc gọi: {flows}. Hãy bỏ nó khỏi các luồng này trước khi xóa.',
    trunk_static:
      'Trunk này được khai báo cố định trong cấu hình Asterisk: chỉ đổi được tên, không sửa cấu hình hay xóa được.',
    trunk_in_use:
      'Trunk đang được {count} hotline sử dụng. Hãy chuyển các hotline sang trunk khác trước khi xóa.',
    quota_hotlines_reached: 'Công ty đã đạt giới hạn {max} hotline. Hãy liên hệ để nâng hạn mức.',
    hotline_active: 'Hotline đang hoạt động: cần tạm ngưng trước khi xóa.',
    hotline_in_contract:
      'Hotline đang chờ ký hợp đồng với nhà mạng: không xóa được lúc này, hãy liên hệ nhà cung cấp.',
    invalid_transition: 'Không thể chuyển hotline từ trạng thái "{from}" sang "{to}".',
    flow_invalid: 'Luồng gọi còn lỗi; xem các bước được đánh dấu.',
    flow_in_use: 'Luồng gọi đang được dùng bởi hotline {hotlines}; hãy đổi hotline sang luồng khác trước.',
    node_in_use: 'Bước này đang được dùng bởi: {users}. Hãy đổi các điểm đến đó trước.',
    queue_in_use:
      'Nhóm hàng đợi đang được dùng trong luồng cuộc gọi: {flows}. Hãy bỏ nó khỏi các luồng này trước khi xóa.',
    moh_class_in_use:
      'Bộ nhạc chờ đang được dùng bởi nhóm hàng đợi: {queues}. Hãy đổi nhạc chờ của các nhóm này trước khi xóa.',
    group_in_use:
      'Nhóm người dùng đang là thành viên của nhóm hàng đợi: {queues}. Hãy bỏ nó khỏi các nhóm hàng đợi này trước khi xóa.',
    callback_not_pending: 'Yêu cầu gọi lại này không còn chờ (đang gọi hoặc đã xong) nên không hủy được.',
    prompt_in_moh_class:
      'Lời chào đang được dùng trong bộ nhạc chờ: {classes}. Hãy bỏ nó khỏi các bộ nhạc chờ này trước khi xóa.',
  },
  en: {
    validation_failed: 'Some fields are invalid.',
    invalid_json: 'The request body is not valid JSON.',
    already_used: 'Some of these details are already in use.',
    bot_suspected: 'We could not process this request. Please try again.',
    invalid_credentials: 'Wrong email or password.',
    account_locked:
      'This account is temporarily locked after too many failed logins. Try again in {minutes} minutes.',
    account_disabled: 'This account cannot sign in. Please contact your administrator.',
    invalid_refresh_token: 'Your session has expired. Please sign in again.',
    unauthorized: 'You need to sign in.',
    forbidden: 'You are not allowed to do this.',
    not_found: 'Not found.',
    too_many_requests: 'Too many requests. Please try again later.',
    payload_too_large: 'The request body is too large.',
    reset_requested: 'If this email has an account, we have sent password reset instructions to it.',
    internal_error: 'Something went wrong. Please try again later.',
    bad_request: 'Bad request.',
    quota_users_reached: 'Your company has reached its limit of {max} users. Contact us to raise it.',
    not_invited: 'This user has already activated the account; no invitation to resend.',
    tenant_suspended: 'Your company’s service is suspended. Please contact your provider.',
    tenant_already_suspended: 'This company is already suspended.',
    tenant_not_suspended: 'This company is active; there is nothing to reactivate.',
    asterisk_apply_failed:
      'The phone system did not accept the change ({reason}); the previous configuration is kept. Please try again.',
    no_device: 'This account has no phone (not activated yet, disabled, or without an extension).',
    not_sip_mode: 'A provisioning link can only be made in SIP mode.',
    prompt_builtin: 'Built-in prompts cannot be renamed or deleted.',
    prompt_in_use: 'This prompt is used by call flows: {flows}. Remove it from them before deleting it.',
    trunk_static:
      "This trunk is defined in Asterisk's configuration file: only its name can be changed; it cannot be reconfigured or deleted.",
    trunk_in_use: 'This trunk carries {count} hotline(s). Move them to another trunk before deleting it.',
    quota_hotlines_reached: 'Your company has reached its limit of {max} hotlines. Contact us to raise it.',
    hotline_active: 'This hotline is active: suspend it before deleting it.',
    hotline_in_contract:
      'This hotline is waiting for the carrier contract: it cannot be deleted now; contact your provider.',
    invalid_transition: 'A hotline cannot go from status "{from}" to "{to}".',
    flow_invalid: 'The call flow has problems; see the marked steps.',
    flow_in_use: 'Hotline {hotlines} uses this call flow; point it to another flow first.',
    node_in_use: 'This step is used by: {users}. Change those destinations first.',
    queue_in_use: 'This queue group is used by call flows: {flows}. Remove it from them before deleting it.',
    moh_class_in_use:
      'This music-on-hold class is used by queue groups: {queues}. Change their music before deleting it.',
    group_in_use:
      'This user group is a member of queue groups: {queues}. Remove it from them before deleting it.',
    callback_not_pending:
      'This callback is no longer waiting (being called or finished), so it cannot be cancelled.',
    prompt_in_moh_class:
      'This prompt is played by music-on-hold classes: {classes}. Remove it from them before deleting it.',
  },
};

/** Field-level messages, by the field error's stable code. */
const FIELDS: Record<Language, Catalog> = {
  vi: {
    required: 'Trường này là bắt buộc.',
    invalid_type: 'Giá trị có kiểu không hợp lệ.',
    too_long: 'Tối đa {max} ký tự.',
    too_short: 'Tối thiểu {min} ký tự.',
    too_small: 'Giá trị nhỏ nhất là {min}.',
    too_large: 'Giá trị lớn nhất là {max}.',
    invalid_email: 'Email không hợp lệ.',
    invalid_phone: 'Số điện thoại không hợp lệ (0xxxxxxxxx hoặc +84xxxxxxxxx).',
    unknown_field: 'Trường này không được phép.',
    must_accept: 'Bạn cần đồng ý với điều khoản sử dụng.',
    weak_password: 'Mật khẩu quá phổ biến, hãy chọn mật khẩu khác.',
    invalid_token: 'Liên kết không hợp lệ hoặc đã hết hạn.',
    taken_email: 'Email này đã được sử dụng.',
    taken_phone: 'Số điện thoại này đã được sử dụng.',
    taken_companyName: 'Tên công ty này đã được sử dụng.',
    invalid_value: 'Giá trị không hợp lệ.',
    wrong_password: 'Mật khẩu hiện tại không đúng.',
    same_password: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    taken_name: 'Tên này đã được sử dụng.',
    cannot_change_self: 'Bạn không thể tự hạ quyền, vô hiệu hóa hay xóa chính mình.',
    unknown_group: 'Nhóm không tồn tại.',
    below_usage: 'Không được thấp hơn mức đang dùng ({used}).',
    not_activated: 'Người dùng chưa kích hoạt tài khoản từ thư mời.',
    invalid_mac: 'Địa chỉ MAC không hợp lệ (ví dụ 00:15:65:AB:CD:EF).',
    taken_mac: 'Địa chỉ MAC này đã được đăng ký.',
    user_without_phone: 'Người dùng này chưa có máy lẻ (chưa kích hoạt hoặc bị vô hiệu hóa).',
    audio_unsupported_type:
      'Định dạng không được hỗ trợ. Hãy chọn tệp âm thanh WAV, MP3, OGG, M4A hoặc WebM.',
    audio_too_large: 'Tệp quá lớn: tối đa {maxMb} MB.',
    audio_too_long: 'Âm thanh quá dài: tối đa {maxMinutes} phút.',
    audio_too_short: 'Âm thanh quá ngắn: tối thiểu {minSeconds} giây.',
    audio_unreadable: 'Tệp trống hoặc không đọc được âm thanh.',
    file_required: 'Hãy chọn một tệp âm thanh.',
    invalid_host: 'Không phải tên máy chủ hoặc địa chỉ IP hợp lệ.',
    invalid_sip_user: 'Chỉ gồm chữ, số và . _ + - (tối đa 64 ký tự).',
    ip_invalid: 'Không phải địa chỉ IP hoặc CIDR hợp lệ: {entry}.',
    ip_phones_address: '{entry} chứa 127.0.0.1, địa chỉ điện thoại đăng ký từ đó: trunk không dùng được.',
    ip_too_wide: 'Dải {entry} quá rộng (tối thiểu /8 với IPv4, /16 với IPv6).',
    taken_number: 'Số này đã được đăng ký.',
    invalid_hotline_number: 'Số hotline không hợp lệ (1800/1900, số cố định hoặc di động Việt Nam).',
    unknown_flow: 'Luồng cuộc gọi không tồn tại.',
    unknown_trunk: 'Trunk không tồn tại.',
    unknown_tenant: 'Công ty không tồn tại.',
    unknown_user: 'Người dùng không tồn tại.',
    unknown_moh_class: 'Bộ nhạc chờ không tồn tại.',
    unknown_prompt: 'Lời chào không tồn tại.',
    unknown_pause_reason: 'Lý do tạm nghỉ không tồn tại.',
    duplicate_member: 'Thành viên này đã có trong danh sách.',
    not_queue_member: 'Bạn không phải thành viên của nhóm hàng đợi {queues}.',
    pause_reason_required: 'Hãy chọn lý do tạm nghỉ.',
  },
  en: {
    required: 'This field is required.',
    invalid_type: 'This value has the wrong type.',
    too_long: 'At most {max} characters.',
    too_short: 'At least {min} characters.',
    too_small: 'The smallest allowed value is {min}.',
    too_large: 'The largest allowed value is {max}.',
    invalid_email: 'Not a valid email address.',
    invalid_phone: 'Not a valid phone number (0xxxxxxxxx or +84xxxxxxxxx).',
    unknown_field: 'This field is not allowed.',
    must_accept: 'You must accept the terms of use.',
    weak_password: 'This password is too common; choose another one.',
    invalid_token: 'This link is invalid or has expired.',
    taken_email: 'This email is already in use.',
    taken_phone: 'This phone number is already in use.',
    taken_companyName: 'This company name is already in use.',
    invalid_value: 'Invalid value.',
    wrong_password: 'The current password is not correct.',
    same_password: 'The new password must differ from the current one.',
    taken_name: 'This name is already in use.',
    cannot_change_self: 'You cannot demote, disable or delete yourself.',
    unknown_group: 'No such group.',
    below_usage: 'Cannot be lower than current usage ({used}).',
    not_activated: 'This user has not activated the account from the invitation yet.',
    invalid_mac: 'Not a valid MAC address (e.g. 00:15:65:AB:CD:EF).',
    taken_mac: 'This MAC address is already registered.',
    user_without_phone: 'This user has no extension yet (not activated, or disabled).',
    audio_unsupported_type: 'Unsupported file type. Choose a WAV, MP3, OGG, M4A or WebM audio file.',
    audio_too_large: 'The file is too large: at most {maxMb} MB.',
    audio_too_long: 'The audio is too long: at most {maxMinutes} minutes.',
    audio_too_short: 'The audio is too short: at least {minSeconds} seconds.',
    audio_unreadable: 'The file is empty or its audio cannot be read.',
    file_required: 'Choose an audio file.',
    invalid_host: 'Not a valid host name or IP address.',
    invalid_sip_user: 'Letters, digits and . _ + - only (at most 64 characters).',
    ip_invalid: 'Not a valid IP address or CIDR: {entry}.',
    ip_phones_address: '{entry} covers 127.0.0.1, where phones register from: a trunk cannot use it.',
    ip_too_wide: 'The range {entry} is too wide (at least /8 for IPv4, /16 for IPv6).',
    taken_number: 'This number is already registered.',
    invalid_hotline_number: 'Not a valid hotline number (1800/1900, a Vietnamese landline or mobile).',
    unknown_flow: 'No such call flow.',
    unknown_trunk: 'No such trunk.',
    unknown_tenant: 'No such company.',
    unknown_user: 'No such user.',
    unknown_moh_class: 'No such music-on-hold class.',
    unknown_prompt: 'No such prompt.',
    unknown_pause_reason: 'No such pause reason.',
    duplicate_member: 'This member is already in the list.',
    not_queue_member: 'You are not a member of queue group {queues}.',
    pause_reason_required: 'Choose a pause reason.',
  },
};

function format(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function errorMessage(language: Language, code: string, params: Params = {}): string {
  return format(ERRORS[language][code] ?? ERRORS[language].bad_request, params);
}

export function fieldMessage(language: Language, code: string, params: Params = {}): string {
  return format(FIELDS[language][code] ?? FIELDS[language].invalid_value, params);
}

/** Codes known to both catalogs (checked by the unit test). */
export const MESSAGE_CATALOGS = { ERRORS, FIELDS };

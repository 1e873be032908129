/**
 * Vietnamese dictionary — the default language and the source of truth for the key set:
 * `en.ts` is type-checked against the keys declared here.
 * Placeholders use `{name}` and are filled by `TranslationService.t(key, params)`.
 */
export const vi = {
  'app.name': 'WebCall',
  'app.tagline': 'Tổng đài đám mây',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',
  'app.openMenu': 'Mở menu điều hướng',
  'app.closeMenu': 'Đóng menu điều hướng',

  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'nav.label': 'Điều hướng chính',
  'nav.home': 'Trang chủ',
  'nav.home.overview': 'Tổng quan',
  'nav.home.calls': 'Lịch sử cuộc gọi',
  'nav.home.chats': 'Lịch sử chat',
  'nav.chat': 'Phòng chat',
  'nav.contacts': 'Danh bạ',
  'nav.contacts.customers': 'Danh sách khách hàng',
  'nav.contacts.groups': 'Nhóm liên hệ',
  'nav.contacts.tickets': 'Phiếu ghi (ticket)',
  'nav.staff': 'Nhân viên',
  'nav.settings': 'Cài đặt',
  'nav.settings.general': 'Chung',
  'nav.settings.pbx': 'Tổng đài',
  'nav.settings.website': 'Website',
  'nav.settings.email': 'Email',
  'nav.settings.workflow': 'Quy trình',
  'nav.settings.integration': 'Tích hợp',
  'nav.settings.users': 'Người dùng',

  'page.home.overview.title': 'Tổng quan',
  'page.home.overview.desc':
    'Báo cáo tổng đài: thống kê toàn bộ cuộc gọi để phân tích và lập kế hoạch kinh doanh.',
  'page.home.calls.title': 'Lịch sử cuộc gọi',
  'page.home.calls.desc':
    'Thống kê chi tiết cuộc gọi theo nhiều tiêu chí lọc, kèm chi phí từng cuộc và ghi âm để nghe hoặc tải về ngay trên web.',
  'page.home.chats.title': 'Lịch sử chat',
  'page.home.chats.desc': 'Lịch sử các cuộc trò chuyện với khách hàng trên mọi kênh.',
  'page.chat.title': 'Phòng chat',
  'page.chat.desc':
    'Không gian làm việc chính của nhân viên: mọi cửa sổ chat đang mở, kèm thông báo mỗi khi có tin nhắn mới.',
  'page.contacts.customers.title': 'Danh sách khách hàng',
  'page.contacts.customers.desc':
    'Thêm khách hàng bằng biểu mẫu hoặc nhập từ tệp Excel, xem lịch sử giao dịch và gọi điện, gửi email, SMS hay tạo phiếu ghi chỉ với một cú nhấp.',
  'page.contacts.groups.title': 'Nhóm liên hệ',
  'page.contacts.groups.desc':
    'Khách hàng theo nhóm: gửi email hàng loạt cho cả nhóm và giao nhóm cho nhân viên phụ trách.',
  'page.contacts.tickets.title': 'Phiếu ghi (ticket)',
  'page.contacts.tickets.desc':
    'Danh sách phiếu ghi theo màu trạng thái — đỏ là quá hạn, xanh là đã xong, đen là chưa xử lý — và thông báo khi phiếu quá hạn.',
  'page.staff.title': 'Nhân viên',
  'page.staff.desc': 'Danh sách nhân viên nội bộ cùng trạng thái trực tuyến; nhấp vào tên để gọi nội bộ.',
  'page.settings.general.title': 'Cài đặt chung',
  'page.settings.general.desc':
    'Thông tin doanh nghiệp, múi giờ, ngôn ngữ và các tùy chọn chung của tài khoản.',
  'page.settings.pbx.title': 'Cài đặt tổng đài',
  'page.settings.pbx.desc':
    'Số điện thoại, trung kế, máy nhánh, hàng đợi, lời chào và định tuyến cuộc gọi của tổng đài.',
  'page.settings.website.title': 'Cài đặt website',
  'page.settings.website.desc': 'Tiện ích chat và gọi điện để nhúng vào website của bạn.',
  'page.settings.email.title': 'Cài đặt email',
  'page.settings.email.desc': 'Hộp thư kết nối, máy chủ gửi thư và các mẫu email.',
  'page.settings.workflow.title': 'Quy trình',
  'page.settings.workflow.desc': 'Các quy trình xử lý tự động cho cuộc gọi, chat và phiếu ghi.',
  'page.settings.integration.title': 'Tích hợp',
  'page.settings.integration.desc': 'Kết nối với CRM, webhook và khóa API cho các hệ thống bên ngoài.',
  'page.settings.users.title': 'Người dùng',
  'page.settings.users.desc': 'Tài khoản người dùng, vai trò và quyền truy cập bảng điều khiển.',
  'page.placeholder.note': 'Trang này đang được xây dựng.',

  'notFound.title': 'Không tìm thấy trang',
  'notFound.desc': 'Địa chỉ {path} không tồn tại hoặc đã được chuyển đi.',
  'notFound.back': 'Về trang Tổng quan',

  'health.label': 'Trạng thái hệ thống',
  'health.ok': 'Hoạt động',
  'health.degraded': 'Suy giảm',
  'health.offline': 'Mất kết nối',
  'health.unknown': 'Đang kiểm tra…',
  'health.downList': 'Không hoạt động: {list}',
  'health.offlineDetail': 'Không kết nối được tới máy chủ ({reason}).',
  'health.reason.network': 'lỗi mạng',
  'health.reason.timeout': 'hết thời gian chờ',
  'health.reason.invalid': 'phản hồi không hợp lệ',
  'health.reason.http': 'HTTP {status}',
  'health.unknownDetail': 'Đang chờ kết quả kiểm tra đầu tiên.',
  'health.component.database': 'Cơ sở dữ liệu',
  'health.component.ari': 'Asterisk ARI',
  'health.component.ami': 'Asterisk AMI',
  'health.short.database': 'CSDL',
  'health.short.ari': 'ARI',
  'health.short.ami': 'AMI',
  'health.component.up': 'Hoạt động',
  'health.component.down': 'Không hoạt động',
  'health.version': 'Phiên bản {version}',
  'health.checkedAt': 'Kiểm tra lúc {time}',
  'health.latency': '{ms} ms',
} as const satisfies Record<string, string>;

/** Every translation key; `en.ts` must define exactly these. */
export type TranslationKey = keyof typeof vi;

/** A complete dictionary for one language. */
export type Dictionary = Record<TranslationKey, string>;

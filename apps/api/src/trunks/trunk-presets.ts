import type { Language, TrunkPresetId, TrunkPresetView } from '#contracts';

type Preset = Omit<TrunkPresetView, 'note'> & { note: Record<Language, string> };

/**
 * Defaults of a new trunk per carrier. The carriers' SIP server addresses are not public: each
 * gives them (and the addresses it calls from) in the contract, so `host` is left empty for the
 * operator to fill in; the note says what to ask for.
 */
export const TRUNK_PRESETS: Record<TrunkPresetId, Preset> = {
  fpt: {
    id: 'fpt',
    name: 'FPT iVoice',
    authMode: 'ip',
    transport: 'udp',
    port: 5060,
    codecs: ['alaw', 'ulaw'],
    host: '',
    fromDomain: '',
    note: {
      vi: 'FPT iVoice xác thực theo IP: nhập địa chỉ SBC và các IP gọi vào mà FPT cung cấp trong hợp đồng (không công khai).',
      en: 'FPT iVoice authenticates by IP: enter the SBC address and the source IPs FPT gives in the contract (not public).',
    },
  },
  cmc: {
    id: 'cmc',
    name: 'CMC Telecom',
    authMode: 'registration',
    transport: 'udp',
    port: 5060,
    codecs: ['alaw', 'ulaw'],
    host: '',
    fromDomain: '',
    note: {
      vi: 'CMC Telecom cấp tài khoản SIP đăng ký: nhập máy chủ đăng ký, tên đăng nhập và mật khẩu trong hợp đồng (máy chủ không công khai).',
      en: 'CMC Telecom issues a registering SIP account: enter the registrar, user name and password from the contract (the server is not public).',
    },
  },
  mobifone: {
    id: 'mobifone',
    name: 'MobiFone',
    authMode: 'ip',
    transport: 'udp',
    port: 5060,
    codecs: ['alaw', 'ulaw'],
    host: '',
    fromDomain: '',
    note: {
      vi: 'MobiFone kết nối trunk theo IP: nhập địa chỉ SBC và các IP nguồn trong biên bản đấu nối (không công khai).',
      en: 'MobiFone connects trunks by IP: enter the SBC address and the source IPs from the interconnection record (not public).',
    },
  },
  viettel: {
    id: 'viettel',
    name: 'Viettel',
    authMode: 'ip',
    transport: 'udp',
    port: 5060,
    codecs: ['alaw', 'ulaw'],
    host: '',
    fromDomain: '',
    note: {
      vi: 'Viettel kết nối trunk theo IP: nhập địa chỉ SBC và các IP nguồn Viettel cung cấp (không công khai); một số gói yêu cầu From domain riêng.',
      en: 'Viettel connects trunks by IP: enter the SBC address and source IPs Viettel provides (not public); some plans require their own From domain.',
    },
  },
  generic: {
    id: 'generic',
    name: 'SIP',
    authMode: 'registration',
    transport: 'udp',
    port: 5060,
    codecs: ['alaw', 'ulaw'],
    host: '',
    fromDomain: '',
    note: {
      vi: 'Nhà mạng SIP bất kỳ: chọn xác thực theo IP (danh sách IP/CIDR gọi vào) hoặc đăng ký (máy chủ, tên đăng nhập, mật khẩu).',
      en: 'Any SIP carrier: choose IP authentication (the IPs/CIDRs it calls from) or registration (server, user name, password).',
    },
  },
};

export function presetViews(language: Language): TrunkPresetView[] {
  return Object.values(TRUNK_PRESETS).map((p) => ({ ...p, codecs: [...p.codecs], note: p.note[language] }));
}

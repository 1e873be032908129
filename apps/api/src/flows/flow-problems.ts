import type { FlowProblem, Language } from '#contracts';
import type { FlowError, FlowErrorCode } from '#flow-engine';

const MESSAGES: Record<Language, Record<FlowErrorCode, string>> = {
  vi: {
    unsupported_version: 'Phiên bản định dạng luồng không được hỗ trợ.',
    no_nodes: 'Luồng gọi chưa có bước nào.',
    duplicate_id: 'Mã bước bị trùng.',
    missing_entry: 'Bước bắt đầu không tồn tại.',
    dangling_edge: 'Điểm đến không tồn tại.',
    unreachable: 'Không cuộc gọi nào tới được bước này.',
    loop_without_wait: 'Vòng lặp không có menu IVR hay hàng đợi: cuộc gọi sẽ quay vòng mãi.',
    missing_prompt: 'Chưa chọn lời chào hoặc lời chào không tồn tại.',
    unknown_extension: 'Máy lẻ không tồn tại.',
    unknown_queue: 'Nhóm hàng đợi không tồn tại.',
    invalid_value: 'Giá trị không hợp lệ.',
  },
  en: {
    unsupported_version: 'Unsupported flow format version.',
    no_nodes: 'The flow has no steps.',
    duplicate_id: 'Duplicate step id.',
    missing_entry: 'The entry step does not exist.',
    dangling_edge: 'This destination does not exist.',
    unreachable: 'No call can reach this step.',
    loop_without_wait: 'A loop without an IVR menu or a queue: calls would go round for ever.',
    missing_prompt: 'No prompt chosen, or the prompt does not exist.',
    unknown_extension: 'No such extension.',
    unknown_queue: 'No such queue group.',
    invalid_value: 'Invalid value.',
  },
};

/** Problems that stop a draft from being saved; the rest (unreachable nodes) only stop publishing. */
export function blocksSaving(error: FlowError): boolean {
  return error.code !== 'unreachable';
}

export function toProblems(errors: FlowError[], language: Language): FlowProblem[] {
  return errors.map((e) => ({
    ...e,
    message: MESSAGES[language][e.code] ?? MESSAGES[language].invalid_value,
  }));
}

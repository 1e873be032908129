import type { FlowGraph, Schedule } from './model.js';

/** Mon–Fri 08:00–12:00 and 13:30–17:30, Saturday morning, Vietnam time; Tết holiday; one exception. */
export const OFFICE_HOURS: Schedule = {
  timeZone: 'Asia/Ho_Chi_Minh',
  weekly: [
    ...[1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: '08:00', end: '12:00' },
      { day, start: '13:30', end: '17:30' },
    ]),
    { day: 6, start: '08:00', end: '12:00' },
  ],
  holidays: ['2027-02-08'],
  exceptions: [{ date: '2027-02-13', periods: [{ start: '09:00', end: '11:00' }] }],
};

/** Hotline → shift → IVR (1 sales, 2 support, 9 voicemail) → extensions; out of hours → message. */
export function hotlineFlow(): FlowGraph {
  return {
    version: 1,
    entry: 'hours',
    nodes: [
      { id: 'hours', type: 'shift', schedule: OFFICE_HOURS, inHours: 'menu', outOfHours: 'closed' },
      {
        id: 'menu',
        type: 'ivr',
        prompt: { promptId: 'welcome' },
        keys: { '1': 'sales', '2': 'support', '9': 'mailbox' },
        timeoutS: 5,
        retries: 2,
        invalidPrompt: { promptId: 'invalid' },
        timeoutPrompt: { promptId: 'timeout' },
        onFailure: 'bye',
        directDial: true,
      },
      { id: 'sales', type: 'extension', extension: '1001', ringTimeoutS: 20, onNoAnswer: 'mailbox' },
      { id: 'support', type: 'extension', extension: '1002', ringTimeoutS: 20 },
      { id: 'mailbox', type: 'voicemail', mailbox: '1001' },
      { id: 'closed', type: 'play', prompt: { promptId: 'closed' }, next: 'bye' },
      { id: 'bye', type: 'hangup' },
    ],
  };
}

export const PROMPTS = new Set(['welcome', 'invalid', 'timeout', 'closed']);

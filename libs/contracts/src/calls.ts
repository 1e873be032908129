/** Final outcome of a call as stored in `calls.disposition`. */
export const CALL_DISPOSITIONS = ['answered', 'no-answer', 'failed', 'abandoned'] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/** How a call entered Stasis: the second argument of `Stasis(webcall, <kind>, <tenantId>, <entryId>)`. */
export const CALL_ENTRY_KINDS = ['inbound', 'internal', 'test'] as const;
export type CallEntryKind = (typeof CALL_ENTRY_KINDS)[number];

/** A call record's kind: how the call entered Stasis, or `callback` (an agent calling a queue's caller back). */
export type CallRecordKind = CallEntryKind | 'callback';

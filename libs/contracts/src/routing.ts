// Call routing (issue 5): the shapes the API returns and accepts for trunks, hotlines, prompts,
// flows (with their shift and IVR nodes) and call records. Shared by the API and the console.

export const TRUNK_PRESET_IDS = ['fpt', 'cmc', 'mobifone', 'viettel', 'generic'] as const;
export type TrunkPresetId = (typeof TRUNK_PRESET_IDS)[number];

/** GET /api/trunks (operators). The secret is never returned. */
export interface TrunkView {
  id: number;
  name: string;
  preset: TrunkPresetId;
  authMode: 'ip' | 'registration';
  host: string;
  port: number;
  transport: 'udp' | 'tcp' | 'tls';
  /** From domain of outbound calls (null: Asterisk's own address). */
  fromDomain: string | null;
  username: string | null;
  hasSecret: boolean;
  matchIps: string[];
  codecs: string[];
  maxChannels: number | null;
  endpointName: string;
  managed: boolean;
  enabled: boolean;
  /** Registration trunks: Asterisk's registration state (`Registered`, `Rejected`…); null otherwise. */
  registration: string | null;
  hotlines: number;
}

export const TRUNK_AUTH_MODE_IDS = ['ip', 'registration'] as const;
export const TRUNK_TRANSPORT_IDS = ['udp', 'tcp', 'tls'] as const;
export const TRUNK_CODEC_IDS = ['alaw', 'ulaw', 'g722', 'gsm'] as const;
export type TrunkCodecId = (typeof TRUNK_CODEC_IDS)[number];

/** POST /api/trunks; PATCH takes any subset. `secret` is write-only. */
export interface TrunkRequest {
  name: string;
  preset: TrunkPresetId;
  authMode: 'ip' | 'registration';
  host?: string;
  port?: number;
  transport?: 'udp' | 'tcp' | 'tls';
  fromDomain?: string | null;
  username?: string | null;
  secret?: string;
  matchIps?: string[];
  codecs?: TrunkCodecId[];
  maxChannels?: number | null;
  enabled?: boolean;
}

/** GET /api/trunk-presets: defaults a new trunk of that carrier starts from. */
export interface TrunkPresetView {
  id: TrunkPresetId;
  name: string;
  authMode: 'ip' | 'registration';
  transport: 'udp' | 'tcp' | 'tls';
  port: number;
  codecs: TrunkCodecId[];
  /** Empty when the carrier gives its address only in the contract. */
  host: string;
  fromDomain: string;
  /** What the operator still has to fill in, in the request's language. */
  note: string;
}

export const HOTLINE_STATUS_IDS = ['requested', 'waiting_contract', 'active', 'suspended'] as const;
export type HotlineStatusId = (typeof HOTLINE_STATUS_IDS)[number];

/** GET /api/hotlines (tenant: its own; operator: all, with tenant). */
export interface HotlineView {
  id: number;
  tenantId: number;
  tenantName?: string;
  number: string;
  status: HotlineStatusId;
  trunkId: number | null;
  trunkName: string | null;
  flowId: number | null;
  flowName: string | null;
  outboundDefault: boolean;
  note: string | null;
  requestedAt: string;
  contractDueAt: string | null;
  activatedAt: string | null;
  suspendedAt: string | null;
}

/** POST /api/hotlines (a tenant admin asks for a number). */
export interface HotlineRequest {
  number: string;
  note?: string | null;
}

/** PATCH /api/hotlines/:id */
export interface HotlineUpdate {
  flowId?: number | null;
  outboundDefault?: boolean;
  note?: string | null;
}

/** POST /api/operator/hotlines (an operator provisions a number directly). */
export interface OperatorHotlineRequest {
  tenantId: number;
  number: string;
  trunkId: number;
  status?: HotlineStatusId;
  note?: string | null;
}

/** POST /api/operator/hotlines/:id/status */
export interface HotlineStatusChange {
  status: HotlineStatusId;
  trunkId?: number;
  note?: string | null;
}

/** GET /api/prompts: the tenant's own and the built-in ones (tenantId null). */
export interface PromptView {
  id: number;
  tenantId: number | null;
  name: string;
  language: string | null;
  kind: 'builtin' | 'upload' | 'recording';
  durationMs: number;
  createdAt: string;
  /** GET: the converted audio for preview in the browser. */
  audioUrl: string;
}

/**
 * `GET /api/prompts?search=&page=&pageSize=`: the tenant's own prompts and the built-ins, own
 * first then built-ins, each by name; `search` matches part of the name.
 */
export interface PromptPage {
  items: PromptView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Languages a prompt may be marked with (null: not said). */
export const PROMPT_LANGUAGES = ['vi', 'en'] as const;

/** Limits of `POST /api/prompts` (multipart `file`, `name`, optional `language`, `source`). */
export const PROMPT_UPLOAD_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  minMs: 300,
  maxMs: 10 * 60 * 1000,
} as const;

/** 409 `prompt_in_use` of `DELETE /api/prompts/:id`: the flows whose draft or a version plays it. */
export interface PromptInUseBody {
  flows: { id: number; name: string }[];
}

/** GET /api/flows and /api/flows/:id. `draft` is a flow-engine FlowGraph. */
export interface FlowView {
  id: number;
  name: string;
  draft: unknown;
  publishedVersion: number | null;
  publishedAt: string | null;
  /** The draft differs from the published version. */
  dirty: boolean;
  /** What would stop the draft from being published (flow-engine FlowError + message). */
  problems: FlowProblem[];
  hotlines: { id: number; number: string }[];
  updatedAt: string;
}

export interface FlowProblem {
  nodeId: string | null;
  field: string;
  code: string;
  message: string;
}

/** POST /api/flows/:id/simulate */
export interface FlowSimulationRequest {
  /** ISO date-time the call comes in (default: now). */
  at?: string;
  /** What the caller enters at each menu in order; null = presses nothing. */
  entries?: (string | null)[];
  /** Simulate the draft instead of the published version. */
  draft?: boolean;
}

/** One row of GET /api/calls. */
export interface CallRecordView {
  id: number;
  channelId: string;
  entryKind: string;
  callerNumber: string;
  calledNumber: string;
  hotlineNumber: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  disposition: string | null;
  hangupCauseText: string | null;
  flowId: number | null;
  flowVersion: number | null;
  path: { nodeId: string; type: string; branch?: string; at: string }[];
  legs: { kind: string; target: string; outcome: string; at: string }[];
  voicemailId: number | null;
  /** The queue the call waited in (issue 6). */
  queueId: number | null;
  /** The conversation was recorded: GET /api/calls/:id/recording serves it. */
  hasRecording: boolean;
}

/** Socket.io event `call.incoming` to the tenant's console (screen pop). */
export interface IncomingCallEvent {
  channelId: string;
  callerNumber: string;
  hotlineNumber: string;
  /** The extension being rung. */
  extension: string;
  at: string;
}

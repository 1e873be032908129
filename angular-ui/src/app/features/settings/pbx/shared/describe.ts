import type { FlowGraph, FlowNode, PathStep, Schedule } from '@webcall/flow-engine';
import type { TranslationKey } from '../../../../core/i18n/vi';
import type { Message } from '../../../auth/form-support';
import type { FlowStore, Problem } from './flow-store';
import { nodeById, ownerOf } from './graph';

/** How the editor names a node: its label, or what it does. */
export function describeNode(node: FlowNode | undefined, store: FlowStore, id?: string): Message {
  if (!node) return id ? { key: 'pbx.dest.missing', params: { id } } : { key: 'pbx.dest.kind.hangup' };
  switch (node.type) {
    case 'ivr':
      return { key: 'pbx.dest.ivr', params: { name: node.label || node.id } };
    case 'shift':
      return { key: 'pbx.dest.shift', params: { name: node.label || node.id } };
    case 'extension': {
      const name = store.userOf(node.extension);
      return name
        ? { key: 'pbx.describe.extensionOf', params: { ext: node.extension, name } }
        : { key: 'pbx.describe.extension', params: { ext: node.extension } };
    }
    case 'voicemail':
      return { key: 'pbx.describe.voicemail', params: { ext: node.mailbox } };
    case 'external':
      return { key: 'pbx.describe.external', params: { number: node.number } };
    case 'play':
      return {
        key: 'pbx.describe.play',
        params: { prompt: store.promptName(node.prompt?.promptId) ?? node.prompt?.promptId ?? '?' },
      };
    case 'queue': {
      const name = store.queueName(node.queueId);
      return name
        ? { key: 'pbx.describe.queueOf', params: { name } }
        : { key: 'pbx.describe.queue', params: { id: node.queueId } };
    }
    case 'callback': {
      const name = store.queueName(node.queueId);
      return name
        ? { key: 'pbx.describe.callbackOf', params: { name } }
        : { key: 'pbx.describe.callback', params: { id: node.queueId } };
    }
    case 'hangup':
      return { key: 'pbx.dest.kind.hangup' };
  }
}

export function describeTarget(graph: FlowGraph, id: string | undefined, store: FlowStore): Message {
  return describeNode(nodeById(graph, id), store, id);
}

/** The branch a call took at a step (`key:1`, `in_hours`, `direct:1002`…). */
export function describeBranch(step: PathStep): Message | null {
  const branch = step.branch;
  if (!branch) return null;
  const [name, arg] = branch.split(':');
  if (name === 'key') return { key: 'pbx.sim.branch.key', params: { key: arg ?? '' } };
  if (name === 'direct') return { key: 'pbx.sim.branch.direct', params: { ext: arg ?? '' } };
  const known = [
    'in_hours',
    'out_of_hours',
    'timeout',
    'invalid',
    'answered',
    'busy',
    'no_answer',
    'unavailable',
    'overflow',
    'exit',
    'requested',
    'refused',
  ];
  return known.includes(name) ? { key: `pbx.sim.branch.${name}` as TranslationKey } : { text: branch };
}

const DAY_KEYS: TranslationKey[] = [
  'pbx.day.short.0',
  'pbx.day.short.1',
  'pbx.day.short.2',
  'pbx.day.short.3',
  'pbx.day.short.4',
  'pbx.day.short.5',
  'pbx.day.short.6',
];

/** Monday first, as Vietnamese calendars show the week. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

export function dayKey(day: number, long = false): TranslationKey {
  return long ? (`pbx.day.${day}` as TranslationKey) : (DAY_KEYS[day] ?? 'pbx.day.short.0');
}

/** Days with the same periods grouped: [{days: [1..5], periods: '08:00–12:00, 13:30–17:30'}…]. */
export function weekSummary(schedule: Schedule | undefined): { days: number[]; periods: string }[] {
  const rows: { days: number[]; periods: string }[] = [];
  for (const day of WEEK_ORDER) {
    const periods = (schedule?.weekly ?? [])
      .filter((p) => p.day === day)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((p) => `${p.start}–${p.end}`)
      .join(', ');
    if (!periods) continue;
    const last = rows[rows.length - 1];
    if (
      last &&
      last.periods === periods &&
      WEEK_ORDER.indexOf(last.days[last.days.length - 1]) === WEEK_ORDER.indexOf(day) - 1
    )
      last.days.push(day);
    else rows.push({ days: [day], periods });
  }
  return rows;
}

/** A problem placed where the editor shows it: the menu, shift or entry owning it and the field. */
export interface PlacedProblem extends Problem {
  ownerId: string | null;
  ownerField: string;
}

export function placeProblems(graph: FlowGraph, problems: readonly Problem[]): PlacedProblem[] {
  return problems.map((p) => {
    const owner = ownerOf(graph, p.nodeId, p.field);
    return { ...p, ownerId: owner.node?.id ?? null, ownerField: owner.field };
  });
}

/** The name of a node's field as the editor labels it (`keys.1` → "key 1"). */
export function fieldLabel(field: string): Message {
  if (field.startsWith('keys.')) return { key: 'pbx.node.refKey', params: { key: field.slice(5) } };
  const labels: Record<string, TranslationKey> = {
    entry: 'pbx.flow.entry',
    inHours: 'pbx.shift.inHours',
    outOfHours: 'pbx.shift.outOfHours',
    onFailure: 'pbx.ivr.onFailure',
    next: 'pbx.dest.then',
    onNoAnswer: 'pbx.dest.onNoAnswer',
    onOverflow: 'pbx.dest.onOverflow',
    onExit: 'pbx.dest.onExit',
    queueId: 'pbx.dest.queue',
    priority: 'pbx.dest.priority',
    prompt: 'pbx.ivr.prompt',
    invalidPrompt: 'pbx.ivr.invalidPrompt',
    timeoutPrompt: 'pbx.ivr.timeoutPrompt',
    timeoutS: 'pbx.ivr.timeout',
    retries: 'pbx.ivr.retries',
    label: 'pbx.shift.name',
  };
  const top = field.split('.')[0];
  if (labels[field]) return { key: labels[field] };
  if (top === 'schedule') return { key: 'pbx.shift.weekly' };
  return labels[top] ? { key: labels[top] } : { text: field };
}

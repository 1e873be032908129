import { randomUUID } from 'node:crypto';

/** One received mail as the sink serves it (`GET /api/messages`). */
export interface SinkMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO 8601 time the sink received it. */
  date: string;
  text: string;
  html: string | null;
}

/** The last `capacity` messages in memory, newest first; older ones are dropped. */
export class MailStore {
  private readonly messages: SinkMessage[] = [];

  constructor(private readonly capacity = 500) {}

  add(message: Omit<SinkMessage, 'id'>): SinkMessage {
    const stored = { id: randomUUID(), ...message };
    this.messages.unshift(stored);
    if (this.messages.length > this.capacity) this.messages.length = this.capacity;
    return stored;
  }

  list(): readonly SinkMessage[] {
    return this.messages;
  }

  get(id: string): SinkMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }
}

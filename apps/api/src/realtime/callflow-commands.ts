import { Injectable, Logger } from '@nestjs/common';
import { MAX_COMMAND_IDS, type CallflowCommand } from '#contracts';

type Sender = (command: CallflowCommand) => boolean;

/**
 * Commands from the api to callflow (`queues.changed`, `agents.changed`, `routes.changed`), sent up the event
 * stream the api already holds. Sent after the change committed; dropped while callflow is not
 * connected (it reloads everything when it connects). Never throws: a change must not fail
 * because callflow is away.
 */
@Injectable()
export class CallflowCommands {
  private readonly logger = new Logger(CallflowCommands.name);
  private sender: Sender | null = null;
  /** Commands sent / dropped since start (for tests and logs). */
  readonly counts = { sent: 0, dropped: 0 };

  attach(sender: Sender): void {
    this.sender = sender;
  }

  queuesChanged(tenantId: number, queueIds: Iterable<number>): void {
    for (const ids of chunks(queueIds)) this.send({ type: 'queues.changed', tenantId, queueIds: ids });
  }

  agentsChanged(tenantId: number, userIds: Iterable<number>): void {
    for (const ids of chunks(userIds)) this.send({ type: 'agents.changed', tenantId, userIds: ids });
  }

  /** A hotline, trunk or published flow changed (null: an operator's change, maybe several tenants). */
  routesChanged(tenantId: number | null): void {
    this.send({ type: 'routes.changed', tenantId });
  }

  send(command: CallflowCommand): void {
    let sent = false;
    try {
      sent = this.sender?.(command) ?? false;
    } catch (err) {
      this.logger.warn(`could not send ${command.type}: ${String(err)}`);
    }
    if (sent) this.counts.sent++;
    else {
      this.counts.dropped++;
      this.logger.debug(`callflow not connected: dropped ${command.type}`);
    }
  }
}

/** Distinct ids in frames callflow accepts; nothing at all for no ids. */
export function chunks(ids: Iterable<number>): number[][] {
  const all = [...new Set(ids)];
  const out: number[][] = [];
  for (let i = 0; i < all.length; i += MAX_COMMAND_IDS) out.push(all.slice(i, i + MAX_COMMAND_IDS));
  return out;
}

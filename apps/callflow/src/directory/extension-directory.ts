import { RefreshingSnapshot } from '../calls/refreshing-snapshot.js';

export interface DirectoryEntry {
  userId: number;
  tenantId: number;
  extension: string;
  fullName: string;
  /** PJSIP endpoint of the user's phone, e.g. `t42-1001`. */
  endpoint: string;
  /** Do not disturb: internal calls do not ring this user. */
  dnd: boolean;
}

/** `"Name" <extension>` of an entry, as caller id or connected line. */
export function identityOf(entry: DirectoryEntry): string {
  return `"${entry.fullName.replace(/["<>\\]/g, '')}" <${entry.extension}>`;
}

/** tenant id → extension → entry */
export type DirectoryIndex = Map<number, Map<string, DirectoryEntry>>;

interface Logger {
  warn(obj: object, msg?: string): void;
}

/**
 * Every tenant's extensions, in memory (reloaded every few seconds). Lookups are always within
 * one tenant: there is no way to ask for another tenant's extension.
 */
export class ExtensionDirectory {
  private readonly index: RefreshingSnapshot<DirectoryIndex>;

  constructor(
    load: () => Promise<DirectoryIndex>,
    logger: Logger,
    refreshMs = 2_000,
    stamp?: () => Promise<string>,
  ) {
    this.index = new RefreshingSnapshot(load, new Map(), logger, 'extension directory', refreshMs, stamp);
  }

  start(): Promise<void> {
    return this.index.start();
  }

  stop(): void {
    this.index.stop();
  }

  find(tenantId: number, extension: string): DirectoryEntry | undefined {
    return this.index.value.get(tenantId)?.get(extension);
  }

  /** Like `find`, but a miss reloads once first: a user activated a second ago is reachable. */
  async findFresh(tenantId: number, extension: string): Promise<DirectoryEntry | undefined> {
    const hit = this.find(tenantId, extension);
    if (hit) return hit;
    await this.index.refresh();
    return this.find(tenantId, extension);
  }
}

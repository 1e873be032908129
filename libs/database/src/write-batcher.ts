/**
 * Write-behind for statements whose result nobody waits for (call records, queue state): the
 * statements queued within a short window are sent as one multi-statement transaction, in one
 * round trip. On this kind of machine every socket write and wake-up costs more than the statement
 * itself (callflow's CPU profile: ~14 % writing MySQL packets), so a call's ten-odd writes cost
 * about one round trip instead of ten.
 *
 * Order is kept: batches run one after another, statements in the order queued. If a batch fails
 * it is rolled back and its statements run again one by one, so one bad statement fails only its
 * own caller.
 */
export interface BatchSql {
  /** Runs SQL text that may hold several statements separated by `;`, on one connection; if it
   *  fails, leaves no transaction open on that connection (rolls back). */
  run(sql: string): Promise<void>;
  /** `sql` with `?` placeholders filled in, escaped as the connection does it. */
  format(sql: string, params: readonly unknown[]): string;
}

/** Where stores send writes whose result they do not need: a WriteBatcher, or straight through. */
export interface SqlWriter {
  write(sql: string, params?: readonly unknown[]): Promise<void>;
}

/**
 * Each write in its own round trip (tools, tests, anything without a batcher), one after another
 * in the order queued, as a WriteBatcher does: callers may queue a write before the previous one
 * landed, and on a pool two concurrent writes could otherwise land the other way round.
 */
export function directWriter(db: { query(sql: string, params?: unknown[]): Promise<unknown> }): SqlWriter {
  let last: Promise<unknown> = Promise.resolve();
  return {
    write: (sql, params = []) => {
      const run = last.then(() => db.query(sql, [...params])).then(() => undefined);
      last = run.catch(() => undefined);
      return run;
    },
  };
}

export interface WriteBatcherOptions {
  /** How long the first statement of a batch waits for others to join it. */
  windowMs: number;
  /** At most this many statements per round trip; the rest go in the next one. */
  maxStatements: number;
}

interface Pending {
  sql: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class WriteBatcher implements SqlWriter {
  readonly #sql: BatchSql;
  readonly #options: WriteBatcherOptions;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | null = null;
  /** The batch on the wire, if any. */
  #running: Promise<void> | null = null;
  #batches = 0;
  #statements = 0;

  constructor(sql: BatchSql, options: Partial<WriteBatcherOptions> = {}) {
    this.#sql = sql;
    this.#options = { windowMs: 20, maxStatements: 500, ...options };
  }

  /** Queues one statement; resolves once it is committed, rejects with its own error. */
  write(sql: string, params: readonly unknown[] = []): Promise<void> {
    let text: string;
    try {
      text = this.#sql.format(sql, params);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ sql: text, resolve, reject });
      this.#schedule();
    });
  }

  /** Sends what is queued now and waits until everything queued so far is committed (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.#pending.length || this.#running) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      await (this.#running ?? this.#send());
    }
  }

  /** Round trips and statements so far (metrics). */
  get stats(): { batches: number; statements: number; pending: number } {
    return { batches: this.#batches, statements: this.#statements, pending: this.#pending.length };
  }

  #schedule(): void {
    if (this.#timer || this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#send();
    }, this.#options.windowMs);
  }

  #send(): Promise<void> {
    const batch = this.#pending.splice(0, this.#options.maxStatements);
    if (!batch.length) return Promise.resolve();
    this.#batches++;
    this.#statements += batch.length;
    const running = this.#commit(batch).finally(() => {
      this.#running = null;
      if (this.#pending.length) this.#schedule();
    });
    this.#running = running;
    return running;
  }

  async #commit(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      await this.#one(batch[0]!);
      return;
    }
    try {
      await this.#sql.run(`START TRANSACTION;\n${batch.map((p) => p.sql).join(';\n')};\nCOMMIT`);
    } catch {
      // A failed statement stops the rest of the text and `run` rolled back what ran: one by one.
      for (const pending of batch) await this.#one(pending);
      return;
    }
    for (const pending of batch) pending.resolve();
  }

  async #one(pending: Pending): Promise<void> {
    try {
      await this.#sql.run(pending.sql);
      pending.resolve();
    } catch (err) {
      pending.reject(err);
    }
  }
}

/** The mysql2 side of BatchSql: a pool created with `multipleStatements: true`. */
export interface MultiStatementPool {
  getConnection(): Promise<{
    query(sql: string): Promise<unknown>;
    release(): void;
    destroy(): void;
  }>;
  format(sql: string, values: unknown[]): string;
}

export function mysqlBatchSql(pool: MultiStatementPool): BatchSql {
  return {
    format: (sql, params) => pool.format(sql, [...params]),
    run: async (sql) => {
      const connection = await pool.getConnection();
      try {
        await connection.query(sql);
      } catch (err) {
        // Closing the connection rolls back whatever the failed text left open on the server.
        connection.destroy();
        throw err;
      }
      connection.release();
    },
  };
}

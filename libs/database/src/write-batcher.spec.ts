import { describe, expect, it } from '@jest/globals';
import { directWriter, WriteBatcher, type BatchSql } from './write-batcher.js';

/** Records each round trip; any text holding "BAD" fails as a whole, as MariaDB stops at the error. */
function fakeSql(): BatchSql & { runs: string[]; release: () => void; hold: () => void } {
  let gate: Promise<void> | null = null;
  let open = () => undefined as void;
  const runs: string[] = [];
  return {
    runs,
    format: (sql, params) => params.reduce<string>((text, p) => text.replace('?', JSON.stringify(p)), sql),
    run: async (sql) => {
      runs.push(sql);
      if (gate) await gate;
      if (sql.includes('BAD')) throw new Error(`failed: ${sql}`);
    },
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => {
      gate = null;
      open();
    },
  };
}

describe('WriteBatcher', () => {
  it('given three writes within the window then they go in one transaction, in order, and each resolves', async () => {
    const sql = fakeSql();
    const batcher = new WriteBatcher(sql, { windowMs: 5 });
    const done = [batcher.write('A ?', [1]), batcher.write('B ?', ['x']), batcher.write('C')];
    await Promise.all(done);
    expect(sql.runs).toEqual(['START TRANSACTION;\nA 1;\nB "x";\nC;\nCOMMIT']);
    expect(batcher.stats).toEqual({ batches: 1, statements: 3, pending: 0 });
  });

  it('given one write then it runs alone, without a transaction around it', async () => {
    const sql = fakeSql();
    await new WriteBatcher(sql, { windowMs: 1 }).write('A');
    expect(sql.runs).toEqual(['A']);
  });

  it('given a bad statement in a batch then the others still land, one by one, and only its writer fails', async () => {
    const sql = fakeSql();
    const batcher = new WriteBatcher(sql, { windowMs: 5 });
    const results = await Promise.allSettled([batcher.write('A'), batcher.write('BAD'), batcher.write('C')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sql.runs).toEqual(['START TRANSACTION;\nA;\nBAD;\nC;\nCOMMIT', 'A', 'BAD', 'C']);
  });

  it('given writes while a batch is on the wire then they wait for it and go in the next one', async () => {
    const sql = fakeSql();
    const batcher = new WriteBatcher(sql, { windowMs: 1 });
    sql.hold();
    const first = batcher.write('A');
    await new Promise((r) => setTimeout(r, 20));
    const later = [batcher.write('B'), batcher.write('C')];
    await new Promise((r) => setTimeout(r, 20));
    expect(sql.runs).toEqual(['A']);
    sql.release();
    await Promise.all([first, ...later]);
    expect(sql.runs).toEqual(['A', 'START TRANSACTION;\nB;\nC;\nCOMMIT']);
  });

  it('given more writes than maxStatements then they are split across round trips in order', async () => {
    const sql = fakeSql();
    const batcher = new WriteBatcher(sql, { windowMs: 5, maxStatements: 2 });
    await Promise.all(['A', 'B', 'C'].map((s) => batcher.write(s)));
    expect(sql.runs).toEqual(['START TRANSACTION;\nA;\nB;\nCOMMIT', 'C']);
  });

  it('given flush then what is queued is sent at once, without waiting for the window', async () => {
    const sql = fakeSql();
    const batcher = new WriteBatcher(sql, { windowMs: 60_000 });
    const write = batcher.write('A');
    await batcher.flush();
    await expect(write).resolves.toBeUndefined();
    expect(sql.runs).toEqual(['A']);
  });

  it('given parameters that cannot be formatted then that write fails at once and nothing is queued', async () => {
    const sql: BatchSql = {
      format: () => {
        throw new TypeError('bad parameter');
      },
      run: async () => undefined,
    };
    const batcher = new WriteBatcher(sql, { windowMs: 1 });
    await expect(batcher.write('A ?', [Symbol('x')])).rejects.toThrow('bad parameter');
    expect(batcher.stats.pending).toBe(0);
  });
});

describe('directWriter', () => {
  it('given a slow first write then the next one runs only after it, in the order queued, and a failure fails only its own write', async () => {
    const ran: string[] = [];
    const db = {
      query: async (sql: string) => {
        await new Promise((resolve) => setTimeout(resolve, sql === 'A' ? 30 : 1));
        ran.push(sql);
        if (sql === 'BAD') throw new Error('bad');
      },
    };
    const writer = directWriter(db);
    const results = await Promise.allSettled([writer.write('A'), writer.write('BAD'), writer.write('B')]);
    expect(ran).toEqual(['A', 'BAD', 'B']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

import { describe, expect, it, jest } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { isRetryableTransactionError, transactionWithRetry } from './retry-transaction.js';

function fakeDb(outcomes: (Error | string)[]): { db: DataSource; calls: () => number } {
  let calls = 0;
  const db = {
    transaction: jest.fn(async (work: (em: EntityManager) => Promise<unknown>) => {
      const outcome = outcomes[calls++];
      if (outcome instanceof Error) throw outcome;
      return work({} as EntityManager).then(() => outcome);
    }),
  } as unknown as DataSource;
  return { db, calls: () => calls };
}

const deadlock = Object.assign(new Error('Deadlock found'), { driverError: { code: 'ER_LOCK_DEADLOCK' } });

describe('transactionWithRetry', () => {
  it('given a deadlock then the transaction runs again and its result is returned', async () => {
    const { db, calls } = fakeDb([deadlock, 'done']);
    await expect(transactionWithRetry(db, async () => undefined)).resolves.toBe('done');
    expect(calls()).toBe(2);
  });

  it('given deadlocks every time then it gives up after the attempts and throws the error', async () => {
    const { db, calls } = fakeDb([deadlock, deadlock, deadlock, 'never']);
    await expect(transactionWithRetry(db, async () => undefined)).rejects.toBe(deadlock);
    expect(calls()).toBe(3);
  });

  it('given any other error then it is thrown at once', async () => {
    const other = new Error('duplicate entry');
    const { db, calls } = fakeDb([other, 'never']);
    await expect(transactionWithRetry(db, async () => undefined)).rejects.toBe(other);
    expect(calls()).toBe(1);
  });

  it('recognises lock wait timeouts by code, on the error or its driver error', () => {
    expect(isRetryableTransactionError({ code: 'ER_LOCK_WAIT_TIMEOUT' })).toBe(true);
    expect(isRetryableTransactionError({ driverError: { code: 'ER_DUP_ENTRY' } })).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
  });
});

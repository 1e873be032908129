import type { DataSource, EntityManager } from 'typeorm';

/** MariaDB / MySQL: deadlock found (1213), lock wait timeout (1205). */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** True when the database rolled the transaction back and asks for it to be run again. */
export function isRetryableTransactionError(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return RETRYABLE.has(e?.code ?? '') || RETRYABLE.has(e?.driverError?.code ?? '');
}

/**
 * Runs `work` in a transaction, again (up to `attempts` times) when InnoDB chose it as a
 * deadlock victim: concurrent requests touching the same rows (two tabs refreshing one
 * session) may deadlock on index locks, and InnoDB expects the loser to retry.
 */
export async function transactionWithRetry<T>(
  db: DataSource,
  work: (em: EntityManager) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

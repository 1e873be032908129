/**
 * Retries `check` until it stops throwing (returning its value) or `timeoutMs` passes (throwing
 * its last error). Tests poll for outcomes instead of sleeping for a guessed time.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 3000, intervalMs = 5 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

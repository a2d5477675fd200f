/**
 * Runs the hooks of a committed transaction (see `Database.afterCommit`). The transaction has
 * committed whatever they do: a hook that fails (an in-process cache) is not the request's
 * failure, and the next transaction finds the cache out of date and reads the database.
 */
export function runCommitHooks(hooks: readonly (() => void)[]): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // see above
    }
  }
}

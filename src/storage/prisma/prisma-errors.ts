// Prisma error handling every repository needs: recognising a unique-key conflict (how the
// database tells us a concurrent writer got there first) and retrying an upsert that lost that race.

/** True when Prisma refused a write because a unique index already holds the key (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Runs an upsert, and once more when a concurrent writer inserted the same key first: Prisma's
 * upsert can be SELECT-then-INSERT, so the INSERT fails; the row exists now, so the retry updates it.
 */
export async function upsertRetryingRace<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return await upsert();
  }
}

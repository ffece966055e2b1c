// PGlite is one Postgres backend inside this process: a second process opening the same data
// directory would corrupt it. A lock file holding our pid keeps the second one out; a lock left
// by a process that no longer exists (a crash) is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import path from "node:path";

/** Raised when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
        `Stop that process first, use another DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Directories this process holds: a lock file with our own pid is ours only if listed here; otherwise
// it was left by an earlier process that happened to have the same pid (common in containers).
const heldHere = new Set<string>();

/** Takes the lock for `dir` or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "bot.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      const ours = holder === process.pid && heldHere.has(lockPath);
      const otherLive = Number.isInteger(holder) && holder !== process.pid && isAlive(holder);
      if (ours || otherLive) {
        throw new DataDirLockedError(dir, holder);
      }
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(dir, -1);
}

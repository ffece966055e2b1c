// Reads the Agents Playground's console output. It is asked for a port (-p) but silently takes the
// next free one when that is busy, so the URL we tell the user must come from what it reports.

/** The port in the Playground's "Listening on 56151" line; null for any other line. */
export function playgroundPortOf(line: string): number | null {
  const match = /\bListening on (\d{2,5})\b/.exec(line);
  const port = match ? Number(match[1]) : NaN;
  return Number.isInteger(port) && port > 0 && port < 65_536 ? port : null;
}

/** Feeds output chunks (split anywhere) and calls `onPort` once, with the first reported port. */
export function watchPlaygroundPort(onPort: (port: number) => void): (chunk: string) => void {
  let pending = "";
  let found = false;
  return (chunk) => {
    if (found) return;
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const port = playgroundPortOf(line);
      if (port !== null) {
        found = true;
        onPort(port);
        return;
      }
    }
  };
}

/** npm run playground tells the user the port the Agents Playground really listens on. */
import { describe, expect, it } from "vitest";
import { playgroundPortOf, watchPlaygroundPort } from "../../../scripts/lib/playground-output.js";

describe("playground output", () => {
  it("reads the port from the Playground's 'Listening on' line", () => {
    expect(playgroundPortOf("Listening on 56151")).toBe(56151);
    expect(playgroundPortOf("Microsoft 365 Agents Playground is being launched for you to debug the app: http://localhost:56151")).toBeNull();
    expect(playgroundPortOf("Listening on nothing")).toBeNull();
  });

  it("reports the port it picked instead of the one asked for, once, even when the line arrives in pieces", () => {
    const ports: number[] = [];
    const feed = watchPlaygroundPort((port) => ports.push(port));
    feed("Starting...\nListen");
    feed("ing on 56152\r\n");
    feed("Listening on 56153\n");
    expect(ports).toEqual([56152]);
  });
});

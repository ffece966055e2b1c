// RETENTION_DAYS_AFTER_UNINSTALL: 30 days unless set; a clear problem for a value that is not a
// whole number of days.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "#src/config.js";

describe("RETENTION_DAYS_AFTER_UNINSTALL", () => {
  it("defaults to 30 days and accepts another whole number", () => {
    expect(loadConfig({}).retention.daysAfterUninstall).toBe(30);
    expect(loadConfig({ RETENTION_DAYS_AFTER_UNINSTALL: "7" }).retention.daysAfterUninstall).toBe(7);
  });

  it.each(["abc", "2.5", "-1", "99999"])("refuses %s with a problem naming the variable", (value) => {
    const error = (() => {
      try {
        loadConfig({ RETENTION_DAYS_AFTER_UNINSTALL: value });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((p) => p.startsWith("RETENTION_DAYS_AFTER_UNINSTALL:"))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { isValidRecurrence, normalizeRecurrence, recurrenceProblem } from "#core/polls/poll-recurrence.js";

describe("recurrence rule shape", () => {
  it.each([
    "0 9 * * MON",
    "0 9 * * 1",
    "30 8 1 * *",
    "0 9,17 * * 1-5",
    "0 10 * * mon-fri",
    "0 9 */14 * *",
    "15 7 1,15 JAN-DEC *",
    "0 9 * * 0",
    "0 9 * * 7",
  ])("accepts %s", (rule) => {
    expect(recurrenceProblem(rule)).toBeNull();
  });

  it.each([
    ["", "5 fields"],
    ["0 9 * *", "5 fields"],
    ["0 0 9 * * MON", "5 fields"],
    ["* 9 * * MON", "minute"],
    ["*/5 9 * * MON", "minute"],
    ["60 9 * * MON", "minute"],
    ["0 * * * MON", "hour"],
    ["0 24 * * MON", "hour"],
    ["0 9 32 * *", "day of month"],
    ["0 9 0 * *", "day of month"],
    ["0 9 * 13 *", "month"],
    ["0 9 * * 8", "day of week"],
    ["0 9 * * FUNDAY", "day of week"],
    ["0 9 * * 5-1", "day of week"],
    ["0 9 */0 * *", "day of month"],
  ])("refuses %j (%s)", (rule, problem) => {
    expect(recurrenceProblem(rule)).toContain(problem);
    expect(isValidRecurrence(rule)).toBe(false);
  });

  it("normalises spacing and names", () => {
    expect(normalizeRecurrence("  0   9 * *   mon ")).toBe("0 9 * * MON");
  });
});

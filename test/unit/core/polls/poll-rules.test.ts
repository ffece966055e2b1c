import { describe, expect, it } from "vitest";
import { isDomainError } from "#core/shared/errors.js";
import type { Actor } from "#core/shared/refs.js";
import type { Poll } from "#core/polls/poll.js";
import { acceptsVotes, dayOf } from "#core/polls/poll.js";
import {
  cleanText,
  pollInputSchema,
  validateChoice,
  validateDeadline,
  validateMaxChoices,
  validateNewPoll,
  validateOptions,
  validateQuestion,
} from "#core/polls/poll-rules.js";

const now = new Date("2026-03-02T10:00:00Z");
const creator: Actor = { memberId: "m1", allianceId: "a1", organizationId: "o1", role: "member" };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("question", () => {
  it("trims and collapses whitespace", () => {
    expect(validateQuestion("  What   matters\n most? ")).toBe("What matters most?");
  });
  it("refuses an empty or over-long question with POLL_INVALID_QUESTION", () => {
    expect(codeOf(() => validateQuestion("   "))).toBe("POLL_INVALID_QUESTION");
    expect(codeOf(() => validateQuestion("x".repeat(301)))).toBe("POLL_INVALID_QUESTION");
    expect(validateQuestion("x".repeat(300))).toHaveLength(300);
  });
});

describe("options", () => {
  it("accepts 2 to 10 trimmed options", () => {
    expect(validateOptions([" Trust ", "Reliability"])).toEqual(["Trust", "Reliability"]);
    expect(validateOptions(Array.from({ length: 10 }, (_, i) => `Option ${i}`))).toHaveLength(10);
  });
  it("refuses fewer than 2 with POLL_TOO_FEW_OPTIONS and more than 10 with POLL_TOO_MANY_OPTIONS", () => {
    expect(codeOf(() => validateOptions(["Only"]))).toBe("POLL_TOO_FEW_OPTIONS");
    expect(codeOf(() => validateOptions(Array.from({ length: 11 }, (_, i) => `O${i}`)))).toBe("POLL_TOO_MANY_OPTIONS");
  });
  it("refuses an empty or over-long label with POLL_INVALID_OPTION", () => {
    expect(codeOf(() => validateOptions(["A", "  "]))).toBe("POLL_INVALID_OPTION");
    expect(codeOf(() => validateOptions(["A", "b".repeat(76)]))).toBe("POLL_INVALID_OPTION");
  });
  it("refuses duplicates, ignoring case and spacing, with POLL_DUPLICATE_OPTION", () => {
    expect(codeOf(() => validateOptions(["Trust", " trust  "]))).toBe("POLL_DUPLICATE_OPTION");
  });
  it("normalises unicode so visually equal labels count as duplicates", () => {
    expect(cleanText("Caf\u0065\u0301")).toBe("Café");
    expect(codeOf(() => validateOptions(["Café", "Cafe\u0301"]))).toBe("POLL_DUPLICATE_OPTION");
  });
});

describe("choice limit", () => {
  it("is 1 for single choice and refuses anything else", () => {
    expect(validateMaxChoices("single", undefined, 4)).toBe(1);
    expect(codeOf(() => validateMaxChoices("single", 2, 4))).toBe("POLL_INVALID_MAX_CHOICES");
  });
  it("defaults to all options for multiple choice and must be 2..options", () => {
    expect(validateMaxChoices("multiple", undefined, 4)).toBe(4);
    expect(validateMaxChoices("multiple", 2, 4)).toBe(2);
    expect(codeOf(() => validateMaxChoices("multiple", 1, 4))).toBe("POLL_INVALID_MAX_CHOICES");
    expect(codeOf(() => validateMaxChoices("multiple", 5, 4))).toBe("POLL_INVALID_MAX_CHOICES");
  });
});

describe("deadline", () => {
  it("must lie in the future", () => {
    expect(codeOf(() => validateDeadline(now, now))).toBe("POLL_DEADLINE_IN_PAST");
    expect(codeOf(() => validateDeadline(new Date(now.getTime() - 1), now))).toBe("POLL_DEADLINE_IN_PAST");
    expect(validateDeadline(new Date(now.getTime() + 60_000), now)).toEqual(new Date(now.getTime() + 60_000));
  });
  it("is optional and at most a year ahead", () => {
    expect(validateDeadline(null, now)).toBeNull();
    expect(codeOf(() => validateDeadline(new Date(now.getTime() + 367 * 86_400_000), now))).toBe("POLL_DEADLINE_TOO_FAR");
  });
  it("refuses an invalid date with INVALID_INPUT", () => {
    expect(codeOf(() => validateDeadline(new Date("nonsense"), now))).toBe("INVALID_INPUT");
  });
});

describe("validateNewPoll", () => {
  it("builds the poll to store with defaults: single, named, live results", () => {
    const poll = validateNewPoll({ question: "Q?", options: ["A", "B"] }, { creator, now });
    expect(poll).toEqual({
      allianceId: "a1",
      question: "Q?",
      mode: "single",
      maxChoices: 1,
      anonymous: false,
      visibility: "live",
      closesAt: null,
      recurrence: null,
      templateKey: null,
      createdById: "m1",
      forAlliance: false,
      createdAt: now,
      options: ["A", "B"],
    });
  });
  it("validates and normalises the recurrence rule", () => {
    const poll = validateNewPoll({ question: "Q?", options: ["A", "B"], recurrence: " 0  9 * *  mon " }, { creator, now });
    expect(poll.recurrence).toBe("0 9 * * MON");
    expect(codeOf(() => validateNewPoll({ question: "Q?", options: ["A", "B"], recurrence: "* * * * *" }, { creator, now }))).toBe(
      "POLL_INVALID_RECURRENCE",
    );
  });
  it("parses form input through the zod schema with defaults", () => {
    const parsed = pollInputSchema.parse({ question: "Q?", options: ["A", "B"] });
    expect(parsed).toMatchObject({ mode: "single", anonymous: false, visibility: "live", closesAt: null, recurrence: null });
    expect(pollInputSchema.safeParse({ question: "Q?", options: ["A", "B"], visibility: "everyone" }).success).toBe(false);
  });
});

describe("choices", () => {
  const poll = {
    options: [
      { id: "o1", position: 0, label: "A" },
      { id: "o2", position: 1, label: "B" },
      { id: "o3", position: 2, label: "C" },
    ],
    maxChoices: 2,
  } as Poll;

  it("returns the chosen ids in option order and collapses duplicates", () => {
    expect(validateChoice(poll, ["o3", "o1", "o3"])).toEqual(["o1", "o3"]);
  });
  it("refuses no choice, an unknown option and too many choices", () => {
    expect(codeOf(() => validateChoice(poll, []))).toBe("POLL_NO_CHOICE");
    expect(codeOf(() => validateChoice(poll, ["o9"]))).toBe("POLL_UNKNOWN_OPTION");
    expect(codeOf(() => validateChoice(poll, ["o1", "o2", "o3"]))).toBe("POLL_TOO_MANY_CHOICES");
  });
});

describe("acceptsVotes and dayOf", () => {
  const base = { status: "open", closesAt: new Date("2026-03-02T12:00:00Z") } as Poll;
  it("takes votes while open and before the deadline only", () => {
    expect(acceptsVotes(base, new Date("2026-03-02T11:59:59Z"))).toBe(true);
    expect(acceptsVotes(base, new Date("2026-03-02T12:00:00Z"))).toBe(false);
    expect(acceptsVotes({ ...base, status: "closed" }, new Date("2026-03-01T00:00:00Z"))).toBe(false);
    expect(acceptsVotes({ ...base, closesAt: null }, new Date("2099-01-01T00:00:00Z"))).toBe(true);
  });
  it("keeps only the UTC day of a vote", () => {
    expect(dayOf(new Date("2026-03-02T23:59:59.999Z")).toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });
});

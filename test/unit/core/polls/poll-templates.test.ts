import { describe, expect, it } from "vitest";
import { POLL_LIMITS } from "#core/polls/poll.js";
import { validateNewPoll } from "#core/polls/poll-rules.js";
import {
  COLLABORATION_PRIORITIES_TEMPLATE,
  POLL_TEMPLATES,
  findPollTemplate,
  optionKeysOf,
} from "#core/polls/poll-templates.js";
import { isPillar } from "#core/trust-health/pillars.js";
import { pollWith } from "./poll-fixtures.js";

describe("poll templates", () => {
  it("starts with the brief's LinkedIn question in English and Dutch", () => {
    const first = POLL_TEMPLATES[0];
    expect(first?.key).toBe(COLLABORATION_PRIORITIES_TEMPLATE);
    expect(first?.question.en).toBe("What matters most to you when collaborating with other organisations?");
    expect(first?.question.nl).toBe("Wat is voor jou het belangrijkste bij samenwerken met andere organisaties?");
    expect(first?.options.map((o) => o.label.en)).toEqual(["Trust", "Reliability", "Transparency", "Reciprocity", "Clear agreements"]);
    expect(first?.options.map((o) => o.label.nl)).toEqual(["Vertrouwen", "Betrouwbaarheid", "Transparantie", "Wederkerigheid", "Duidelijke afspraken"]);
  });

  it("keys the brief's options with the trust-health pillars", () => {
    const keys = findPollTemplate(COLLABORATION_PRIORITIES_TEMPLATE)?.options.map((o) => o.key) ?? [];
    expect(keys).toHaveLength(5);
    expect(keys.every(isPillar)).toBe(true);
  });

  it.each(POLL_TEMPLATES.map((t) => [t.key, t] as const))("%s passes the poll rules in both languages", (_key, template) => {
    for (const locale of ["en", "nl"] as const) {
      const poll = validateNewPoll(
        { question: template.question[locale], options: template.options.map((o) => o.label[locale]), mode: template.mode, maxChoices: template.maxChoices },
        { creator: { memberId: "m", allianceId: "a", organizationId: null, role: "member" }, now: new Date() },
      );
      expect(poll.options).toHaveLength(template.options.length);
    }
    expect(new Set(template.options.map((o) => o.key)).size).toBe(template.options.length);
    expect(template.options.length).toBeLessThanOrEqual(POLL_LIMITS.maxOptions);
  });

  it("has 3 to 5 templates besides the brief's question", () => {
    expect(POLL_TEMPLATES.length - 1).toBeGreaterThanOrEqual(3);
    expect(POLL_TEMPLATES.length - 1).toBeLessThanOrEqual(5);
  });

  it("maps a template poll's options to keys by position, and nothing for other polls", () => {
    const poll = pollWith(5, { templateKey: COLLABORATION_PRIORITIES_TEMPLATE });
    expect([...optionKeysOf(poll).entries()]).toEqual([
      ["o0", "trust"],
      ["o1", "reliability"],
      ["o2", "transparency"],
      ["o3", "reciprocity"],
      ["o4", "clear_agreements"],
    ]);
    expect(optionKeysOf(pollWith(5)).size).toBe(0);
    expect(optionKeysOf(pollWith(3, { templateKey: COLLABORATION_PRIORITIES_TEMPLATE })).size).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { parseCommitCommand, type CommitCommandContext } from "#core/commitments/commit-command.js";

const context: CommitCommandContext = {
  now: new Date("2026-03-25T10:00:00Z"), // Wednesday, 11:00 in Amsterdam
  timeZone: "Europe/Amsterdam",
  locale: "en",
  organizations: [
    { id: "org-acme", name: "Acme" },
    { id: "org-utrecht", name: "Gemeente Utrecht" },
  ],
  resolveMention: (id) => (id === "U1" ? { memberId: "bob", organizationId: "org-acme" } : id === "U2" ? { memberId: "ann", organizationId: null } : null),
};
const parse = (text: string, ctx: Partial<CommitCommandContext> = {}) => parseCommitCommand(text, { ...context, ...ctx });
const FRIDAY = "2026-03-27T22:59:59.999Z";

describe("parseCommitCommand: create", () => {
  it("reads what, beneficiary organisation and due date, with or without the command word", async () => {
    for (const text of ["commit Send the draft contract for Acme by friday", "/commit Send the draft contract for Acme by friday", "Send the draft contract for Acme by friday"]) {
      const result = await parse(text);
      expect(result.kind).toBe("create");
      if (result.kind !== "create") return;
      expect(result.draft).toMatchObject({ text: "Send the draft contract", owner: null, beneficiary: { kind: "organization", organizationId: "org-acme" }, dueText: "friday" });
      expect(result.draft.dueAt.toISOString()).toBe(FRIDAY);
      expect(result.due.hasTime).toBe(false);
    }
  });

  it("keeps keyword phrases that are not valid clauses inside the text", async () => {
    const result = await parse("send the plan for review by friday for acme");
    expect(result).toMatchObject({ kind: "create", draft: { text: "send the plan for review", beneficiary: { organizationId: "org-acme" } } });
  });

  it("reads owner and member beneficiary mentions, including Slack labels with spaces", async () => {
    const result = await parse("Prepare the demo owner <@U1|Bob Smith> for <@U2> by tomorrow 17:00");
    expect(result).toMatchObject({
      kind: "create",
      draft: { text: "Prepare the demo", owner: { memberId: "bob", organizationId: "org-acme" }, beneficiary: { kind: "member", memberId: "ann", organizationId: null } },
    });
    if (result.kind === "create") expect(result.draft.dueAt.toISOString()).toBe("2026-03-26T16:00:00.000Z");
  });

  it("reads Dutch keywords and dates, including multi-word organisation names", async () => {
    const result = await parse("offerte sturen eigenaar <@U1> voor gemeente utrecht uiterlijk volgende week dinsdag", { locale: "nl" });
    expect(result).toMatchObject({ kind: "create", draft: { text: "offerte sturen", owner: { memberId: "bob" }, beneficiary: { organizationId: "org-utrecht" }, dueText: "volgende week dinsdag" } });
    const voor = await parse("rapport delen voor Acme voor vrijdag", { locale: "nl" });
    expect(voor).toMatchObject({ kind: "create", draft: { text: "rapport delen", beneficiary: { organizationId: "org-acme" } } });
    if (voor.kind === "create") expect(voor.draft.dueAt.toISOString()).toBe(FRIDAY);
    const door = await parse("notulen maken door <@U1> voor Acme op 2026-12-05", { locale: "nl" });
    expect(door).toMatchObject({ kind: "create", draft: { text: "notulen maken", owner: { memberId: "bob" } } });
  });

  it("asks for a form when the beneficiary or due date is missing", async () => {
    expect(await parse("Send the draft contract")).toEqual({
      kind: "needs_modal",
      form: "create",
      draft: { text: "Send the draft contract", owner: null, beneficiary: null, dueAt: null, dueText: null },
      missing: ["beneficiary", "dueAt"],
      problems: [],
    });
    expect(await parse("for Acme by friday")).toMatchObject({ kind: "needs_modal", missing: ["text"] });
  });

  it("reports an unreadable or past date and an unknown mention, keeping the rest of the draft", async () => {
    expect(await parse("Fix the budget for Acme by fridya")).toMatchObject({
      kind: "needs_modal",
      draft: { text: "Fix the budget", beneficiary: { organizationId: "org-acme" }, dueAt: null, dueText: "fridya" },
      missing: ["dueAt"],
      problems: [{ code: "due_unparseable", text: "fridya" }],
    });
    expect(await parse("Fix the budget for <@U9> by yesterday")).toMatchObject({
      kind: "needs_modal",
      missing: ["beneficiary", "dueAt"],
      problems: [{ code: "unknown_mention", text: "<@U9>" }, { code: "due_in_past", text: "yesterday" }],
    });
  });

  it("reports a too-short or too-long text", async () => {
    expect(await parse("ab for Acme by friday")).toMatchObject({ kind: "needs_modal", problems: [{ code: "text_length", min: 3, max: 280 }] });
    expect(await parse(`${"word ".repeat(60)}for Acme by friday`)).toMatchObject({ kind: "needs_modal", problems: [{ code: "text_length" }] });
  });

  it("does not mistake create text that starts with a subcommand word for that subcommand", async () => {
    expect(await parse("list of suppliers for Acme by friday")).toMatchObject({ kind: "create", draft: { text: "list of suppliers" } });
    expect(await parse("kept promises review for Acme by friday")).toMatchObject({ kind: "create", draft: { text: "kept promises review" } });
  });
});

describe("parseCommitCommand: other subcommands", () => {
  it.each([
    ["list", "mine"],
    ["list mine", "mine"],
    ["lijst onze", "ours"],
    ["list owed", "owed"],
    ["lijst tegoed", "owed"],
    ["list overdue", "overdue"],
    ["lijst verlopen", "overdue"],
    ["list disputed", "disputed"],
  ])("reads %j as list %s", async (text, filter) => {
    expect(await parse(text)).toEqual({ kind: "list", filter });
  });

  it.each([
    ["kept #12", 12, "kept", null],
    ["kept 12 sent by mail", 12, "kept", "sent by mail"],
    ["nagekomen #3", 3, "kept", null],
    ["late #4 two days late", 4, "kept_late", "two days late"],
    ["laat 4", 4, "kept_late", null],
    ["broken #5 no budget", 5, "broken", "no budget"],
    ["gebroken #5", 5, "broken", null],
  ])("reads %j as an outcome", async (text, number, outcome, reason) => {
    expect(await parse(text)).toEqual({ kind: "outcome", number, outcome, reason });
  });

  it("reads withdraw with and without a reason", async () => {
    expect(await parse("withdraw #6 not needed any more")).toEqual({ kind: "withdraw", number: 6, reason: "not needed any more" });
    expect(await parse("intrekken 6")).toEqual({ kind: "withdraw", number: 6, reason: null });
  });

  it("reads renegotiate with the longest leading date and the rest as reason", async () => {
    const result = await parse("renegotiate #5 to next friday client moved the meeting");
    expect(result).toMatchObject({ kind: "renegotiate", number: 5, reason: "client moved the meeting", due: { localDate: "2026-04-03" } });
    expect(await parse("verzet 5 over 2 weken", { locale: "nl" })).toMatchObject({ kind: "renegotiate", number: 5, reason: null, due: { localDate: "2026-04-08" } });
  });

  it("asks for a form when a renegotiation has no readable or future date", async () => {
    expect(await parse("renegotiate #5 someday")).toEqual({ kind: "needs_modal", form: "renegotiate", number: 5, reason: null, problems: [{ code: "due_unparseable", text: "someday" }] });
    expect(await parse("renegotiate #5")).toEqual({ kind: "needs_modal", form: "renegotiate", number: 5, reason: null, problems: [] });
    expect(await parse("renegotiate #5 yesterday oops")).toMatchObject({ kind: "needs_modal", form: "renegotiate", reason: "oops", problems: [{ code: "due_in_past", text: "yesterday" }] });
  });

  it("answers help for an empty command and for help/hulp", async () => {
    expect(await parse("")).toEqual({ kind: "help" });
    expect(await parse("commit")).toEqual({ kind: "help" });
    expect(await parse("hulp")).toEqual({ kind: "help" });
  });
});

import { describe, expect, it } from "vitest";
import { validateSetup, type SetupFieldError } from "#core/alliance/setup-input.js";

const minimal = { name: "Delta Works", organizations: [{ name: "Acme" }, { name: "Globex" }] };

function errorsOf(raw: unknown): SetupFieldError[] {
  const result = validateSetup(raw);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("setup input", () => {
  it("fills sensible defaults around the two required things (name and partners)", () => {
    const result = validateSetup(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      anonymityThreshold: 5,
      uncertainty: "medium",
      cultureFlagThreshold: 10,
      locale: "en",
      timezone: "Europe/Amsterdam",
      steeringChannel: null,
      summary: { cadence: "weekly", weekday: 1, hour: 9 },
      pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 4 },
    });
    expect(result.value.organizations[0]).toEqual({ name: "Acme", emailDomains: [], slackTeamIds: [] });
  });

  it("refuses an anonymity threshold below 3 with ANONYMITY_THRESHOLD_TOO_LOW and accepts 3", () => {
    expect(errorsOf({ ...minimal, anonymityThreshold: 2 })).toEqual([
      { field: "anonymityThreshold", code: "ANONYMITY_THRESHOLD_TOO_LOW", details: { min: 3 } },
    ]);
    expect(validateSetup({ ...minimal, anonymityThreshold: "3" }).ok).toBe(true);
  });

  it("needs 2 to 10 partner organisations", () => {
    expect(errorsOf({ ...minimal, organizations: [{ name: "Acme" }] })[0]).toMatchObject({
      field: "organizations",
      code: "ALLIANCE_TOO_FEW_ORGANIZATIONS",
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `Org ${i}` }));
    expect(errorsOf({ ...minimal, organizations: eleven })[0]).toMatchObject({ code: "ALLIANCE_TOO_MANY_ORGANIZATIONS", details: { max: 10 } });
    expect(validateSetup({ ...minimal, organizations: eleven.slice(0, 10) }).ok).toBe(true);
  });

  it("refuses the same organisation name twice, ignoring case and spaces", () => {
    expect(errorsOf({ ...minimal, organizations: [{ name: "Acme" }, { name: " ACME " }] })).toEqual([
      { field: "organizations.1.name", code: "ALLIANCE_DUPLICATE_ORGANIZATION", details: { name: "ACME" } },
    ]);
  });

  it("normalises e-mail domains and Slack team ids, and refuses one mapped to two organisations", () => {
    const ok = validateSetup({ ...minimal, organizations: [{ name: "Acme", emailDomains: [" @Acme.COM "], slackTeamIds: ["t0123abc"] }, { name: "Globex" }] });
    expect(ok.ok && ok.value.organizations[0]).toMatchObject({ emailDomains: ["acme.com"], slackTeamIds: ["T0123ABC"] });
    const errors = errorsOf({
      ...minimal,
      organizations: [
        { name: "Acme", emailDomains: ["acme.com"], slackTeamIds: ["T1AA"] },
        { name: "Globex", emailDomains: ["ACME.com"], slackTeamIds: ["T1AA"] },
      ],
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ["organizations.1.emailDomains", "ALLIANCE_MAPPING_CLAIMED_TWICE"],
      ["organizations.1.slackTeamIds", "ALLIANCE_MAPPING_CLAIMED_TWICE"],
    ]);
  });

  it("refuses malformed domains and team ids with INVALID_INPUT on the field", () => {
    const errors = errorsOf({ ...minimal, organizations: [{ name: "Acme", emailDomains: ["not a domain"], slackTeamIds: ["U123"] }, { name: "Globex" }] });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ["organizations.0.emailDomains.0", "INVALID_INPUT"],
      ["organizations.0.slackTeamIds.0", "INVALID_INPUT"],
    ]);
  });

  it("validates the time zone against the runtime's IANA data", () => {
    expect(errorsOf({ ...minimal, timezone: "Europe/Atlantis" })).toEqual([
      { field: "timezone", code: "ALLIANCE_INVALID_TIMEZONE", details: { timezone: "Europe/Atlantis" } },
    ]);
    expect(validateSetup({ ...minimal, timezone: "America/New_York" }).ok).toBe(true);
  });

  it("keeps pulse rounds at 3 to 5 questions and hours/weekdays in range", () => {
    const errors = errorsOf({ ...minimal, pulse: { itemsPerRound: 6, hour: 24 }, summary: { weekday: 0 } });
    expect(errors.map((e) => e.field).sort()).toEqual(["pulse.hour", "pulse.itemsPerRound", "summary.weekday"]);
    expect(validateSetup({ ...minimal, pulse: { itemsPerRound: 3 } }).ok).toBe(true);
  });

  it("accepts the values as forms send them (numbers as strings, only Dutch and English)", () => {
    const result = validateSetup({ ...minimal, summary: { weekday: "5", hour: "16" }, locale: "nl" });
    expect(result.ok && result.value.summary).toEqual({ cadence: "weekly", weekday: 5, hour: 16 });
    expect(errorsOf({ ...minimal, locale: "de" })[0]).toMatchObject({ field: "locale", code: "INVALID_INPUT" });
  });

  it("reports a missing name and a missing list together", () => {
    expect(errorsOf({}).map((e) => e.field).sort()).toEqual(["name", "organizations"]);
  });
});

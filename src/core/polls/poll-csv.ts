/**
 * CSV export of a poll (RFC 4180). An anonymous poll exports only aggregate rows — the same
 * figures the message shows — so an export can never tie a voter, or a voter's organisation and
 * day, to a choice. A named poll adds one row per ballot.
 */
import { translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { PollBallot } from "./poll.js";
import type { PollCsv, PollResults } from "./poll-service-types.js";

export type { PollCsv } from "./poll-service-types.js";

/** Builds the export; `memberNames` is only read for named polls. */
export function buildPollCsv(
  results: PollResults,
  ballots: readonly PollBallot[],
  memberNames: ReadonlyMap<string, string>,
  locale: Locale,
): PollCsv {
  const t = translator(locale);
  const { poll, tally } = results;
  const orgName = (id: string | null) =>
    id === null ? t("polls.csv.noOrganization") : (results.organizationNames[id] ?? id);
  const percent = (value: number) => value.toFixed(1);
  const rows: string[][] = [
    [t("polls.csv.scope"), t("polls.csv.organization"), t("polls.csv.option"), t("polls.csv.count"), t("polls.csv.percent"), t("polls.csv.voter")],
  ];
  if (tally !== null && tally.overallPublished) {
    for (const option of tally.options) {
      rows.push([t("polls.csv.overall"), "", option.label, String(option.count), percent(option.percent), ""]);
    }
  }
  if (tally !== null) {
    for (const org of tally.organizations) {
      for (const option of org.options) {
        rows.push([t("polls.csv.organizationScope"), orgName(org.organizationId), option.label, String(option.count), percent(option.percent), ""]);
      }
    }
    for (const hidden of tally.hiddenOrganizations) {
      rows.push([t("polls.csv.organizationScope"), orgName(hidden.organizationId), t("polls.csv.hidden", { k: tally.k }), "", "", ""]);
    }
  }
  if (!poll.anonymous && tally !== null) {
    const labels = new Map(poll.options.map((option) => [option.id, option.label]));
    const ballotRows = ballots
      .filter((ballot) => ballot.memberId !== null)
      .map((ballot) => [
        t("polls.csv.ballot"),
        orgName(ballot.organizationId),
        ballot.optionIds.map((id) => labels.get(id) ?? id).join("; "),
        "",
        "",
        nameOr(memberNames.get(ballot.memberId as string), t),
      ])
      .sort((a, b) => (a[5] ?? "").localeCompare(b[5] ?? ""));
    rows.push(...ballotRows);
  }
  return { filename: `poll-${poll.id}.csv`, rows, csv: toCsv(rows) };
}

/** A voter's name: "former member" once forgotten, "unnamed member" when the platform never sent one. */
function nameOr(name: string | undefined, t: (key: "common.formerMember" | "common.unnamedMember") => string): string {
  return name === undefined ? t("common.formerMember") : name || t("common.unnamedMember");
}

/** RFC 4180 text with CRLF line ends; cells that a spreadsheet would run as a formula are defused. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function csvCell(value: string): string {
  // A leading = + - @ (or tab/CR) makes Excel and Sheets evaluate the cell: prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

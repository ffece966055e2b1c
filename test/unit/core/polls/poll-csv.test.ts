import { describe, expect, it } from "vitest";
import { toCsv } from "#core/polls/poll-csv.js";

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks and ends lines with CRLF (RFC 4180)", () => {
    expect(toCsv([["a", "b,c"], ['say "hi"', "two\nlines"]])).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });
  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(toCsv([["=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "-2", "safe"]])).toBe(`"'=HYPERLINK(""x"")",'+1,'@SUM(A1),'-2,safe\r\n`);
  });
});

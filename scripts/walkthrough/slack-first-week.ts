// npm run walkthrough:slack: plays the first week against the real bot and the fake Slack Web API
// (scripts/walkthrough/slack-week.ts) and writes it as a transcript into docs/slack.md, between
// the "first-week transcript" markers under "The first week". Re-run it after changing wording;
// test/integration/slack/first-week-transcript.test.ts fails while docs/slack.md is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { playFirstWeek, transcriptMarkdown, withTranscript } from "./slack-week.js";

const docPath = join(resolve(import.meta.dirname, "../.."), "docs/slack.md");
const transcript = transcriptMarkdown(await playFirstWeek());
writeFileSync(docPath, withTranscript(readFileSync(docPath, "utf8"), transcript));
process.stdout.write(`wrote the first week (${transcript.split("\n").length} lines) into ${docPath}\n`);

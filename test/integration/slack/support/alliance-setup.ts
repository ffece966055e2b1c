/**
 * A Slack team with an alliance of Alpha (alice) and Beta (bob), set up through the real setup
 * modal, and a /commit sender: shared by the suites that log commitments over HTTP.
 */
import { expect } from "vitest";
import { commandFields, sendCommand, sendInteraction, textValue, viewSubmission } from "../../../fakes/slack-requests.js";
import { freshTeam, type SlackBot } from "./slack-bot.js";

let seq = 0;
/** Sends `/commit <text>` as `userId`; returns the response_url id its answer goes to. */
export async function sendCommit(bot: SlackBot, text: string, teamId: string, userId = "U0ALICE"): Promise<string> {
  const id = `c${++seq}`;
  const res = await sendCommand(bot.eventsUrl, commandFields("/commit", text, bot.fake.responseUrl(id), { teamId, userId }));
  expect(res.status).toBe(200);
  return id;
}

/** A fresh team with Alpha (alice) and Beta (bob); `locale` is the users' Slack locale. */
export async function setUpAlliance(bot: SlackBot, options: { locale?: string } = {}): Promise<string> {
  const teamId = freshTeam();
  const locale = options.locale ? { locale: options.locale } : {};
  bot.fake.addUser({ id: "U0ALICE", teamId, name: "Alice", email: "alice@alpha.example", ...locale });
  bot.fake.addUser({ id: "U0BOB", teamId, name: "Bob", email: "bob@beta.example", ...locale });
  await sendCommand(bot.eventsUrl, commandFields("/trust", "setup", bot.fake.responseUrl(`s-${teamId}`), { teamId, userId: "U0ALICE" }));
  const [open] = await bot.fake.waitFor("views.open");
  const values = {
    name: { value: textValue("Bridge") },
    "organizations.0.name": { value: textValue("Alpha") },
    "organizations.0.emailDomains": { value: textValue("alpha.example") },
    "organizations.1.name": { value: textValue("Beta") },
    "organizations.1.emailDomains": { value: textValue("beta.example") },
    timezone: { value: textValue("Europe/Amsterdam") },
  };
  const res = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { teamId, userId: "U0ALICE" }));
  expect(res.text).toBe("");
  // Bob becomes a member (and is mapped to Beta by his e-mail domain).
  await bot.fake.waitForResponse(await sendCommit(bot, "list", teamId, "U0BOB"));
  bot.fake.reset();
  return teamId;
}

/**
 * What the Teams adapter reads from incoming activities: command words in English and Dutch,
 * mentions (the bot's removed, others rewritten to the core's <@ID> tokens), thread ids, and the
 * flat card inputs of the setup and culture forms reassembled for the core.
 */
import { describe, expect, it } from "vitest";
import { parseCommand, TEAMS_COMMANDS } from "#platforms/teams/commands/command-parser.js";
import { setupFromCard } from "#platforms/teams/features/admin-feature.js";
import { cultureFromCard } from "#platforms/teams/features/culture-feature.js";
import { baseConversationId, commandTextOf, commandTextWithMentions, parseInbound } from "#platforms/teams/handlers/inbound-activity.js";
import { messageActivity, USERS } from "../../../fakes/teams-activities.js";

describe("command words", () => {
  it.each([
    ["help", "help", ""],
    ["hulp", "help", ""],
    ["poll \"Q?\" \"A\" \"B\"", "poll", "\"Q?\" \"A\" \"B\""],
    ["peiling", "poll", ""],
    ["commit send it by friday", "commit", "send it by friday"],
    ["afspraak lijst", "commit", "lijst"],
    ["pulse", "pulse", ""],
    ["Health", "health", ""],
    ["gezondheid", "health", ""],
    ["instellingen", "setup", ""],
    ["cultuur", "culture", ""],
    ["culture results", "culture", "results"],
    ["my data", "myData", ""],
    ["mijn gegevens", "myData", ""],
    ["forget me", "forgetMe", ""],
    ["vergeet mij", "forgetMe", ""],
    ["trust health", "health", ""],
    ["/poll", "poll", ""],
    ["trust my-data", "myData", ""],
    ["organisation", "organization", ""],
    ["Organisatie", "organization", ""],
    ["trust organization", "organization", ""],
  ])("reads %j as %s", (text, command, args) => {
    expect(parseCommand(text)).toEqual({ command, args });
  });

  it("knows every command, and nothing that only starts like one", () => {
    expect(TEAMS_COMMANDS).toHaveLength(10);
    expect(parseCommand("pollution")).toBeNull();
    expect(parseCommand("my dataset")).toBeNull();
    expect(parseCommand("hello")).toBeNull();
  });
});

describe("incoming activity", () => {
  const serviceUrl = "https://smba.trafficmanager.net/emea/";

  it("strips the bot's mention in a channel", () => {
    const activity = parseInbound(messageActivity({ serviceUrl, conversationType: "channel", conversationId: "19:c@thread.tacv2;messageid=123" }, "health"))!;
    expect(commandTextOf(activity)).toBe("health");
    expect(baseConversationId(activity.conversation.id)).toBe("19:c@thread.tacv2");
  });

  it("rewrites other mentions to <@id> tokens for the commit grammar", () => {
    const raw = messageActivity({ serviceUrl, conversationType: "channel", conversationId: "19:c@thread.tacv2" }, "commit Review the plan for <at>Bob Builder</at> by friday");
    (raw.entities as unknown[]).push({ type: "mention", text: "<at>Bob Builder</at>", mentioned: { id: USERS.bob.id, name: "Bob Builder" } });
    expect(commandTextWithMentions(parseInbound(raw)!)).toBe("commit Review the plan for <@29:bob> by friday");
  });

  it("ignores payloads that are not Teams activities", () => {
    expect(parseInbound({ type: "message", text: "hi" })).toBeNull();
    expect(parseInbound({ ...messageActivity({ serviceUrl }, "hi"), serviceUrl: "not a url" })).toBeNull();
  });
});

describe("setup form inputs", () => {
  const turn = { conversation: { conversationId: "19:steer@thread.tacv2" }, member: { workspaceId: "ws-1" } } as never;

  it("skips empty organisation rows, keeps ids and Slack teams of existing ones, and maps errors back to rows", () => {
    const { raw, rowOf } = setupFromCard(
      {
        name: "A",
        orgs: JSON.stringify([{ id: "org-1", slackTeamIds: ["T123"] }, { id: "org-2", slackTeamIds: [] }]),
        "org.0.name": "Acme",
        "org.0.domains": "acme.com, acme.nl",
        "org.1.name": "",
        "org.2.name": "Gamma",
        steeringHere: "true",
        anonymityThreshold: "",
      },
      turn,
    );
    expect(raw.organizations).toEqual([
      { id: "org-1", name: "Acme", emailDomains: ["acme.com", "acme.nl"], slackTeamIds: ["T123"] },
      { id: undefined, name: "Gamma", emailDomains: [], slackTeamIds: [] },
    ]);
    expect(rowOf).toEqual([0, 2]);
    expect(raw.steeringChannel).toEqual({ conversationId: "19:steer@thread.tacv2", workspaceId: "ws-1" });
    expect(raw.anonymityThreshold).toBeUndefined();
  });

  it("keeps the current steering channel unless 'post here' is chosen", () => {
    const { raw } = setupFromCard({ name: "A", steering: JSON.stringify({ conversationId: "19:old", workspaceId: "ws-0" }), steeringHere: "false" }, turn);
    expect(raw.steeringChannel).toEqual({ conversationId: "19:old", workspaceId: "ws-0" });
  });
});

describe("culture form inputs", () => {
  it("reads 48 point fields (blank = 0) and the difference answers", () => {
    const { points, differences } = cultureFromCard({ "now.leadership.clan": "60", "now.leadership.market": "40", "diff.aware": "4", "diff.learn": "cantSay" });
    expect(points.now?.leadership).toEqual({ clan: 60, adhocracy: 0, market: 40, hierarchy: 0 });
    expect(points.preferred?.leadership).toEqual({ clan: 0, adhocracy: 0, market: 0, hierarchy: 0 });
    expect(differences).toEqual({ aware: 4, learn: null });
  });

  it("refuses points that are not whole numbers", () => {
    expect(() => cultureFromCard({ "now.leadership.clan": "12.5" })).toThrow();
  });
});

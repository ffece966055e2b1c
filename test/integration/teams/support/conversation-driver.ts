// Talking to the running Teams bot as people in its chats: a message in, the bot's posts out; a
// card button (Action.Execute, or Teams' automatic refresh) in, the invoke response and posts out.
// Shared by the tests that drive one harness from several users and conversations.
import { expect } from "vitest";
import type { RecordedRequest } from "../../../fakes/fake-bot-connector.js";
import { DEFAULT_TENANT, USERS, botAddedActivity, executeActivity, messageActivity, type ActivityScope } from "../../../fakes/teams-activities.js";
import type { TeamsHarness } from "./teams-harness.js";

/** Someone in the chat whom the bot has never met. */
export const DAN = { id: "29:dan", name: "Dan Outsider", aadObjectId: "aad-dan" } as const;
export type ChatUser = (typeof USERS)[keyof typeof USERS] | typeof DAN;

/** The setup card's inputs for the Acme × Beta alliance used across the Teams tests. */
export const ACME_BETA_SETUP = {
  orgs: "[]",
  steering: "",
  name: "Acme × Beta",
  "org.0.name": "Acme",
  "org.0.domains": "acme.com",
  "org.1.name": "Beta",
  "org.1.domains": "beta.org",
  steeringHere: "true",
  anonymityThreshold: "3",
  timezone: "Europe/Amsterdam",
} as const;

/** The harness's driver; `harness` is read lazily, so it may be started in a beforeAll. */
export function conversationDriver(harness: () => TeamsHarness) {
  const postedSince = (mark: number): RecordedRequest[] =>
    harness()
      .connector.since(mark)
      .filter((r) => r.method === "POST" && r.path.endsWith("/activities") && r.status === 200);
  const driver = {
    /** Sends a message; resolves with the messages the bot posted in answer. */
    async say(scope: ActivityScope, text: string): Promise<RecordedRequest[]> {
      const mark = harness().connector.mark();
      expect((await harness().post(messageActivity(scope, text))).status).toBe(200);
      return postedSince(mark);
    },
    /** Presses a card button (or, with "automatic", Teams' refresh); the invoke response and what was posted meanwhile. */
    async press(scope: ActivityScope, verb: string, data: Record<string, unknown>, trigger: "manual" | "automatic" = "manual") {
      const activity = executeActivity(scope, verb, data);
      const mark = harness().connector.mark();
      const res = await harness().post({ ...activity, value: { ...(activity.value as object), trigger } });
      return { res, posted: postedSince(mark) };
    },
    /** The stored member behind a Teams user of the default tenant. */
    async memberOf(user: ChatUser) {
      const workspace = (await harness().bot.services.stores.workspaces.find("teams", DEFAULT_TENANT))!;
      return (await harness().bot.services.stores.members.findByExternalId(workspace.id, user.aadObjectId))!;
    },
    /**
     * The Acme × Beta alliance in a group chat: Ann (placed by her e-mail domain) sets it up there,
     * Bob and Cas pick Beta, Dan picks Acme, and the chat's roster holds all four plus someone the
     * bot never met. Resolves with the saved-setup invoke response.
     */
    async setUpAcmeBetaGroupChat(scopes: { group(user: ChatUser): ActivityScope; personal(user: ChatUser): ActivityScope; conversationId: string }) {
      const h = harness();
      h.connector.setMember(USERS.ann.id, { email: "ann@acme.com" });
      await driver.say(scopes.personal(USERS.ann), "help"); // Ann creates the alliance and is its admin
      await h.post(botAddedActivity(scopes.group(USERS.ann)));
      const { res } = await driver.press(scopes.group(USERS.ann), "setup.submit", { ...ACME_BETA_SETUP });
      expect(res.status).toBe(200);
      const organizations = await h.bot.services.alliances.listOrganizations((await driver.memberOf(USERS.ann)).allianceId);
      const org = (name: string) => organizations.find((o) => o.name === name)!.id;
      for (const [user, name] of [[USERS.bob, "Beta"], [USERS.cas, "Beta"], [DAN, "Acme"]] as const) {
        await driver.press(scopes.personal(user), "member.chooseOrganization", { organizationId: org(name) });
      }
      h.connector.setRoster(scopes.conversationId, [USERS.ann.id, USERS.bob.id, USERS.cas.id, DAN.id, "29:stranger"]);
      return res;
    },
  };
  return driver;
}

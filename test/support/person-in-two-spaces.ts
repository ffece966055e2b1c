// Ann, one person with a membership on Slack and one on Teams, and Bob: the cast of the tests of
// what happens when the bot learns two memberships are one person (issue 10, "People"). Ann's
// Teams membership starts unverified, so until it is verified she counts as two people.
import type { Actor } from "#core/shared/refs.js";
import type { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";

const actorOf = (memberId: string, organizationId: string): Actor => ({ memberId, allianceId: "a1", organizationId, role: "member" });

/** Creates Ann on Slack (verified), Ann on Teams (not yet) and Bob on Teams in alliance "a1", in that order. */
export async function seedAnnInTwoSpaces(members: InMemoryMemberRepository): Promise<{ annSlack: Actor; annTeams: Actor; bob: Actor }> {
  const base = { allianceId: "a1", displayName: "Ann", locale: null, timezone: null };
  const slack = await members.createIfAbsent({ ...base, organizationId: "org-eng", workspaceId: "w-slack", externalId: "U1", email: "ann@acme.example", emailVerified: true });
  const teams = await members.createIfAbsent({ ...base, organizationId: "org-city", workspaceId: "w-teams", externalId: "aad-1", email: "Ann@Acme.example", emailVerified: false });
  const other = await members.createIfAbsent({ ...base, displayName: "Bob", organizationId: "org-city", workspaceId: "w-teams", externalId: "aad-2", email: "bob@city.example", emailVerified: true });
  return { annSlack: actorOf(slack.member.id, "org-eng"), annTeams: actorOf(teams.member.id, "org-city"), bob: actorOf(other.member.id, "org-city") };
}

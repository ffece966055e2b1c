// SpaceRepository on Prisma: link codes (hashed), the link audit trail, moving a space with its
// members between alliances in one transaction, and each space's own channels.
import type { SpaceLinkCode as CodeRow, SpaceLinkEvent as EventRow } from "#generated/prisma/client.js";
import { NEW_ORGANIZATION, type LinkCode, type LinkEvent, type LinkEventType, type MergeOutcome, type NewLinkCode, type NewLinkEvent, type OrganizationMapping, type SpaceChannelKind, type SpaceChannels } from "#core/alliance/space-link.js";
import type { SpaceRepository } from "#core/alliance/space-repository.js";
import type { Platform } from "#core/shared/refs.js";
import type { PrismaClient } from "../prisma-client.js";
import { MERGED_SUMMARY_MARK } from "#core/summary/summary-repository.js";

const toCode = (row: CodeRow): LinkCode => ({
  id: row.id,
  allianceId: row.allianceId,
  workspaceId: row.workspaceId,
  createdByMemberId: row.createdByMemberId,
  codeHash: row.codeHash,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt,
  usedByWorkspaceId: row.usedByWorkspaceId,
});

const toEvent = (row: EventRow): LinkEvent => ({
  id: row.id,
  allianceId: row.allianceId,
  workspaceId: row.workspaceId,
  actorMemberId: row.actorMemberId,
  type: row.type as LinkEventType,
  reason: row.reason,
  codeId: row.codeId,
  at: row.at,
});

export class PrismaSpaceRepository implements SpaceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async saveCode(code: NewLinkCode): Promise<LinkCode> {
    return toCode(await this.prisma.spaceLinkCode.create({ data: code }));
  }

  async findCodeByHash(codeHash: string): Promise<LinkCode | null> {
    const row = await this.prisma.spaceLinkCode.findUnique({ where: { codeHash } });
    return row ? toCode(row) : null;
  }

  async consumeCode(codeId: string, workspaceId: string, at: Date): Promise<boolean> {
    // One conditional UPDATE: of two concurrent confirmations exactly one matches the row.
    const { count } = await this.prisma.spaceLinkCode.updateMany({
      where: { id: codeId, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at, usedByWorkspaceId: workspaceId },
    });
    return count === 1;
  }

  async appendEvent(event: NewLinkEvent): Promise<void> {
    await this.prisma.spaceLinkEvent.create({ data: event });
  }

  async pruneEvents(before: Date): Promise<number> {
    const { count } = await this.prisma.spaceLinkEvent.deleteMany({ where: { at: { lt: before } } });
    return count;
  }

  async listEvents(allianceId: string): Promise<LinkEvent[]> {
    const rows = await this.prisma.spaceLinkEvent.findMany({ where: { allianceId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return rows.map(toEvent);
  }

  async hasActivity(allianceId: string): Promise<boolean> {
    const where = { where: { allianceId }, select: { id: true } } as const;
    const found = await Promise.all([
      this.prisma.poll.findFirst(where),
      this.prisma.commitment.findFirst(where),
      this.prisma.cultureAssessment.findFirst(where),
      this.prisma.pulseAnswer.findFirst({ where: { round: { allianceId } }, select: { id: true } }),
    ]);
    return found.some((row) => row !== null);
  }

  async moveSpace(workspaceId: string, toAllianceId: string, organizationMap: Readonly<Record<string, string | null>>): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspaceId }, data: { allianceId: toAllianceId } });
      let moved = 0;
      for (const [from, to] of Object.entries(organizationMap)) {
        moved += (await tx.member.updateMany({ where: { workspaceId, organizationId: from }, data: { allianceId: toAllianceId, organizationId: to } })).count;
      }
      // Everyone else (no organisation, or one the map does not name) moves without one.
      moved += (await tx.member.updateMany({ where: { workspaceId, NOT: { allianceId: toAllianceId } }, data: { allianceId: toAllianceId, organizationId: null } })).count;
      return moved;
    });
  }

  async mergeAlliance(fromAllianceId: string, toAllianceId: string, mapping: OrganizationMapping): Promise<MergeOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const from = fromAllianceId;
      const to = toAllianceId;
      // Organisations first: every other row is re-pointed through this map.
      const orgMap: Record<string, string> = {};
      for (const org of await tx.organization.findMany({ where: { allianceId: from }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })) {
        const target = mapping[org.id];
        if (target === undefined) throw new Error(`merge mapping misses organisation ${org.id}`);
        if (target === NEW_ORGANIZATION) {
          orgMap[org.id] = (await tx.organization.create({ data: { allianceId: to, name: org.name, emailDomains: org.emailDomains, slackTeamIds: org.slackTeamIds } })).id;
          continue;
        }
        const existing = await tx.organization.findFirst({ where: { id: target, allianceId: to } });
        if (!existing) throw new Error(`merge target ${target} is not an organisation of ${to}`);
        // The merged organisation recognises members by either side's domains and Slack teams.
        await tx.organization.update({
          where: { id: existing.id },
          data: { emailDomains: union(existing.emailDomains, org.emailDomains), slackTeamIds: union(existing.slackTeamIds, org.slackTeamIds) },
        });
        orgMap[org.id] = existing.id;
      }
      const mapped = (id: string | null): string | null => (id === null ? null : (orgMap[id] ?? id));

      // The joining alliance's steering channel was in its own space: it stays that space's own.
      const joining = await tx.alliance.findUniqueOrThrow({ where: { id: from } });
      if (joining.steeringWorkspaceId && joining.steeringConversationId) {
        await tx.workspace.updateMany({ where: { id: joining.steeringWorkspaceId, allianceId: from, steeringConversationId: null }, data: { steeringConversationId: joining.steeringConversationId } });
      }
      await tx.workspace.updateMany({ where: { allianceId: from }, data: { allianceId: to } });
      let membersMoved = 0;
      for (const [old, now] of Object.entries(orgMap)) {
        membersMoved += (await tx.member.updateMany({ where: { allianceId: from, organizationId: old }, data: { allianceId: to, organizationId: now } })).count;
      }
      membersMoved += (await tx.member.updateMany({ where: { allianceId: from }, data: { allianceId: to } })).count;

      // Polls keep their ballots; only the voters' organisations are re-pointed.
      const pollIds = (await tx.poll.findMany({ where: { allianceId: from }, select: { id: true } })).map((p) => p.id);
      await tx.poll.updateMany({ where: { allianceId: from }, data: { allianceId: to } });
      for (const [old, now] of Object.entries(orgMap)) {
        await tx.pollBallot.updateMany({ where: { pollId: { in: pollIds }, organizationId: old }, data: { organizationId: now } });
      }

      // Agreements: "#n" is unique per alliance, so a number the target already uses moves past
      // the highest of both; the others keep the number people know them by.
      const taken = new Set((await tx.commitment.findMany({ where: { allianceId: to }, select: { number: true } })).map((c) => c.number));
      const moving = await tx.commitment.findMany({ where: { allianceId: from }, orderBy: { number: "asc" } });
      let next = Math.max(0, ...taken, ...moving.map((c) => c.number)) + 1;
      const renumbered: MergeOutcome["renumbered"] = [];
      for (const c of moving) {
        const number = taken.has(c.number) ? next++ : c.number;
        if (number !== c.number) renumbered.push({ before: c.number, after: number });
        await tx.commitment.update({
          where: { id: c.id },
          data: { allianceId: to, number, ownerOrganizationId: mapped(c.ownerOrganizationId), beneficiaryOrganizationId: mapped(c.beneficiaryOrganizationId) },
        });
      }

      // Pulse rounds: a period both alliances have becomes one round (invites and answers move).
      for (const round of await tx.pulseRound.findMany({ where: { allianceId: from } })) {
        const same = await tx.pulseRound.findUnique({ where: { allianceId_periodKey: { allianceId: to, periodKey: round.periodKey } } });
        const roundId = same?.id ?? round.id;
        if (same) {
          await tx.pulseRound.update({ where: { id: same.id }, data: { itemKeys: union(same.itemKeys, round.itemKeys) } });
          await tx.pulseInvite.updateMany({ where: { roundId: round.id }, data: { roundId: same.id } });
          await tx.pulseAnswer.updateMany({ where: { roundId: round.id }, data: { roundId: same.id } });
          await tx.pulseRound.delete({ where: { id: round.id } });
        } else {
          await tx.pulseRound.update({ where: { id: round.id }, data: { allianceId: to } });
        }
        for (const [old, now] of Object.entries(orgMap)) {
          await tx.pulseInvite.updateMany({ where: { roundId, organizationId: old }, data: { organizationId: now } });
          await tx.pulseAnswer.updateMany({ where: { roundId, respondentOrganizationId: old }, data: { respondentOrganizationId: now } });
          await tx.pulseAnswer.updateMany({ where: { roundId, targetOrganizationId: old }, data: { targetOrganizationId: now } });
        }
      }

      for (const [old, now] of Object.entries(orgMap)) {
        await tx.cultureAssessment.updateMany({ where: { allianceId: from, organizationId: old }, data: { organizationId: now } });
      }
      await tx.cultureAssessment.updateMany({ where: { allianceId: from }, data: { allianceId: to } });

      const periods = new Set((await tx.summary.findMany({ where: { allianceId: to }, select: { periodKey: true } })).map((s) => s.periodKey));
      for (const summary of await tx.summary.findMany({ where: { allianceId: from } })) {
        const periodKey = periods.has(summary.periodKey) ? `${summary.periodKey}${MERGED_SUMMARY_MARK}${from}` : summary.periodKey;
        await tx.summary.update({ where: { id: summary.id }, data: { allianceId: to, periodKey } });
      }

      await tx.spaceLinkCode.updateMany({ where: { allianceId: from }, data: { allianceId: to } });
      await tx.spaceLinkEvent.updateMany({ where: { allianceId: from }, data: { allianceId: to } });
      // Everything has moved; what cascades from the empty alliance is only its own organisations.
      await tx.alliance.delete({ where: { id: from } });
      return { organizationMap: orgMap, renumbered, membersMoved };
    });
  }

  async listSpaces(allianceId: string): Promise<SpaceChannels[]> {
    const rows = await this.prisma.workspace.findMany({ where: { allianceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map((w) => ({
      workspaceId: w.id,
      platform: w.platform as Platform,
      name: w.name,
      steeringConversationId: w.steeringConversationId,
      allianceConversationId: w.allianceConversationId,
    }));
  }

  async setChannel(workspaceId: string, kind: SpaceChannelKind, conversationId: string | null): Promise<void> {
    const data = kind === "steering" ? { steeringConversationId: conversationId } : { allianceConversationId: conversationId };
    await this.prisma.workspace.update({ where: { id: workspaceId }, data });
  }
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

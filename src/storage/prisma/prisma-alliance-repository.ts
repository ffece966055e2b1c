// AllianceRepository on Prisma: the only place Alliance/Organization rows ⇄ domain types are mapped.
import type { Alliance as AllianceRow, Organization as OrganizationRow } from "#generated/prisma/client.js";
import type { Alliance, Cadence, Organization, UncertaintyLevel } from "#core/alliance/alliance.js";
import type { AllianceRepository, AllianceSettings, OrganizationDraft } from "#core/alliance/alliance-repository.js";
import { toLocale } from "#core/shared/refs.js";
import type { PrismaClient } from "../prisma-client.js";
import { isUniqueViolation } from "./prisma-errors.js";

function toAlliance(row: AllianceRow): Alliance {
  return {
    id: row.id,
    name: row.name,
    locale: toLocale(row.locale),
    timezone: row.timezone,
    anonymityThreshold: row.anonymityThreshold,
    uncertainty: row.uncertainty as UncertaintyLevel,
    cultureFlagThreshold: row.cultureFlagThreshold,
    steering:
      row.steeringWorkspaceId && row.steeringConversationId
        ? { workspaceId: row.steeringWorkspaceId, conversationId: row.steeringConversationId }
        : null,
    summary: { cadence: row.summaryCadence as Cadence, weekday: row.summaryDay, hour: row.summaryHour },
    pulse: { cadence: row.pulseCadence as Cadence, weekday: row.pulseDay, hour: row.pulseHour, itemsPerRound: row.pulseItemsPerRound },
    commitmentReminderDays: row.commitmentReminderDays,
  };
}

function toColumns(settings: AllianceSettings) {
  return {
    name: settings.name,
    locale: settings.locale,
    timezone: settings.timezone,
    anonymityThreshold: settings.anonymityThreshold,
    uncertainty: settings.uncertainty,
    cultureFlagThreshold: settings.cultureFlagThreshold,
    steeringWorkspaceId: settings.steering?.workspaceId ?? null,
    steeringConversationId: settings.steering?.conversationId ?? null,
    summaryCadence: settings.summary.cadence,
    summaryDay: settings.summary.weekday,
    summaryHour: settings.summary.hour,
    pulseCadence: settings.pulse.cadence,
    pulseDay: settings.pulse.weekday,
    pulseHour: settings.pulse.hour,
    pulseItemsPerRound: settings.pulse.itemsPerRound,
    commitmentReminderDays: settings.commitmentReminderDays,
  };
}

const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  allianceId: row.allianceId,
  name: row.name,
  emailDomains: [...row.emailDomains],
  slackTeamIds: [...row.slackTeamIds],
});

const oldestFirst = [{ createdAt: "asc" }, { id: "asc" }] as const;

/** Alliances and organisations in PostgreSQL / PGlite. */
export class PrismaAllianceRepository implements AllianceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(settings: AllianceSettings): Promise<Alliance> {
    return toAlliance(await this.prisma.alliance.create({ data: toColumns(settings) }));
  }

  async get(id: string): Promise<Alliance | null> {
    const row = await this.prisma.alliance.findUnique({ where: { id } });
    return row ? toAlliance(row) : null;
  }

  async delete(id: string): Promise<void> {
    await this.prisma.alliance.deleteMany({ where: { id } });
  }

  async listOrganizations(allianceId: string): Promise<Organization[]> {
    const rows = await this.prisma.organization.findMany({ where: { allianceId }, orderBy: [...oldestFirst] });
    return rows.map(toOrganization);
  }

  async getOrganization(id: string): Promise<Organization | null> {
    const row = await this.prisma.organization.findUnique({ where: { id } });
    return row ? toOrganization(row) : null;
  }

  async addOrganization(allianceId: string, draft: OrganizationDraft): Promise<Organization> {
    const same = () =>
      this.prisma.organization.findFirst({ where: { allianceId, name: { equals: draft.name, mode: "insensitive" } }, orderBy: [...oldestFirst] });
    const existing = await same();
    if (existing) return toOrganization(existing);
    try {
      const row = await this.prisma.organization.create({
        data: { allianceId, name: draft.name, emailDomains: draft.emailDomains, slackTeamIds: draft.slackTeamIds },
      });
      return toOrganization(row);
    } catch (error) {
      // Someone added the same name at the same moment: join theirs.
      const winner = isUniqueViolation(error) ? await same() : null;
      if (!winner) throw error;
      return toOrganization(winner);
    }
  }

  async saveSetup(alliance: Alliance, drafts: readonly OrganizationDraft[]): Promise<{ alliance: Alliance; organizations: Organization[] }> {
    const { id: allianceId, ...settings } = alliance;
    return this.prisma.$transaction(async (tx) => {
      const saved = await tx.alliance.update({ where: { id: allianceId }, data: toColumns(settings) });
      const keep = drafts.map((d) => d.id).filter((id): id is string => Boolean(id));
      await tx.organization.deleteMany({ where: { allianceId, id: { notIn: keep } } });
      const updates = drafts.filter((d): d is OrganizationDraft & { id: string } => Boolean(d.id));
      // Park renamed organisations under unique temporary names first, so swapping two names
      // never trips the (allianceId, name) unique key half-way.
      for (const draft of updates) {
        await tx.organization.updateMany({ where: { id: draft.id, allianceId }, data: { name: `~renaming~${draft.id}` } });
      }
      for (const draft of updates) {
        await tx.organization.updateMany({
          where: { id: draft.id, allianceId },
          data: { name: draft.name, emailDomains: draft.emailDomains, slackTeamIds: draft.slackTeamIds },
        });
      }
      for (const draft of drafts.filter((d) => !d.id)) {
        await tx.organization.create({
          data: { allianceId, name: draft.name, emailDomains: draft.emailDomains, slackTeamIds: draft.slackTeamIds },
        });
      }
      const organizations = await tx.organization.findMany({ where: { allianceId }, orderBy: [...oldestFirst] });
      return { alliance: toAlliance(saved), organizations: organizations.map(toOrganization) };
    });
  }
}

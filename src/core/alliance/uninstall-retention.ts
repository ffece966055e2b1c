// What happens to a workspace's personal data after the app is uninstalled from it. The tokens go
// at once (the uninstall listeners); the people and what the bot holds for them go after a
// retention period (RETENTION_DAYS_AFTER_UNINSTALL, 30 days by default), so an uninstall by
// mistake can be undone by reinstalling, and nothing is kept for ever:
//   - every member of the workspace is forgotten exactly as with "forget me" (name and e-mail
//     blanked, their commitments read "former member", invitations deleted, …);
//   - the workspace's conversation references and queued outgoing messages are deleted, and its
//     name blanked;
//   - when no workspace of the alliance is left with data, the alliance itself is deleted with
//     everything in it (polls, commitments, pulse rounds, assessments, summaries).
// The scheduler runs `eraseDue` every hour; every step is idempotent, so a run that fails part
// way is simply redone by the next one.
import type { Clock } from "../shared/clock.js";
import type { Platform } from "../shared/refs.js";

const DAY_MS = 86_400_000;

/** A workspace whose retention period has passed. */
export interface DueWorkspace {
  id: string;
  allianceId: string | null;
}

/** The storage the retention needs (one implementation, on Prisma). */
export interface UninstalledWorkspaceStore {
  /** Records the uninstall unless one is already recorded; false when the workspace is unknown. */
  markUninstalled(platform: Platform, externalId: string, at: Date): Promise<boolean>;
  /** A reinstall before the deadline: nothing is erased. */
  clearUninstalled(platform: Platform, externalId: string): Promise<void>;
  /** Workspaces uninstalled at or before `cutoff` whose personal data is still there. */
  listDue(cutoff: Date): Promise<DueWorkspace[]>;
  /** Ids of every member of the workspace (erased ones included: erasure re-runs their clean-up). */
  memberIds(workspaceId: string): Promise<string[]>;
  /** Deletes the workspace's conversation references and queued messages, blanks its name, marks it erased. */
  finishErasure(workspaceId: string, at: Date): Promise<void>;
  /** Deletes the alliance when every one of its workspaces has been erased; true when it did. */
  deleteAllianceIfAllErased(allianceId: string): Promise<boolean>;
}

/** What one erasure did. */
export interface ErasedWorkspace {
  workspaceId: string;
  membersForgotten: number;
  allianceDeleted: boolean;
}

export const DEFAULT_RETENTION_DAYS_AFTER_UNINSTALL = 30;

/** Records uninstalls and erases what is past its retention period. */
export class UninstallRetention {
  constructor(
    private readonly deps: {
      store: UninstalledWorkspaceStore;
      /** "Forget me" for one member (PrivacyService.forgetMe). */
      forgetMember: (memberId: string) => Promise<unknown>;
      clock: Clock;
      /** Days between the uninstall and the erasure. */
      retentionDays: number;
    },
  ) {}

  /** The app was uninstalled from the workspace; returns when its data will be erased (null: unknown workspace). */
  async recordUninstall(platform: Platform, externalId: string): Promise<{ eraseAfter: Date } | null> {
    const at = this.deps.clock.now();
    const known = await this.deps.store.markUninstalled(platform, externalId, at);
    return known ? { eraseAfter: new Date(at.getTime() + this.deps.retentionDays * DAY_MS) } : null;
  }

  /** The app was installed again: the workspace keeps its data. */
  async recordReinstall(platform: Platform, externalId: string): Promise<void> {
    await this.deps.store.clearUninstalled(platform, externalId);
  }

  /** Erases every workspace whose retention period has passed by `now`. */
  async eraseDue(now: Date = this.deps.clock.now()): Promise<ErasedWorkspace[]> {
    const cutoff = new Date(now.getTime() - this.deps.retentionDays * DAY_MS);
    const erased: ErasedWorkspace[] = [];
    for (const workspace of await this.deps.store.listDue(cutoff)) {
      const memberIds = await this.deps.store.memberIds(workspace.id);
      for (const memberId of memberIds) await this.deps.forgetMember(memberId);
      await this.deps.store.finishErasure(workspace.id, now);
      const allianceDeleted = workspace.allianceId ? await this.deps.store.deleteAllianceIfAllErased(workspace.allianceId) : false;
      erased.push({ workspaceId: workspace.id, membersForgotten: memberIds.length, allianceDeleted });
    }
    return erased;
  }
}

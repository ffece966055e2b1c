// The core services over the Prisma repositories, built once by the composition root and shared
// by every platform and the scheduler. Each service gets only the ports it needs; the small
// "directory" adapters here map the alliance module onto what polls and pulse ask for.
import { createPersonDirectory, onePerPerson } from "#core/alliance/person.js";
import type { AllianceScope } from "#core/alliance/alliance-scope.js";
import { AllianceService } from "#core/alliance/alliance-service.js";
import { MemberService } from "#core/alliance/member-service.js";
import { commitmentsPersonalData, pulsePersonalData } from "#core/alliance/personal-data-sources.js";
import { PrivacyService } from "#core/alliance/privacy-service.js";
import { SpaceLinkService } from "#core/alliance/space-link-service.js";
import { DEFAULT_RETENTION_DAYS_AFTER_UNINSTALL, UninstallRetention } from "#core/alliance/uninstall-retention.js";
import { createCommitmentService, type CommitmentService } from "#core/commitments/commitment-service.js";
import { createCultureFitService, type CultureFitService } from "#core/culture-fit/culture-fit-service.js";
import { createPersonBallotMerger } from "#core/polls/person-ballots.js";
import { createPollPersonalDataSource } from "#core/polls/poll-personal-data.js";
import { createPollService } from "#core/polls/poll-service.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import { createHmacVoterKeyHasher } from "#core/polls/voter-key.js";
import { createPersonPulseMerger } from "#core/pulse/person-pulse-answers.js";
import { createPulseService, type PulseService } from "#core/pulse/pulse-service.js";
import type { Clock } from "#core/shared/clock.js";
import { createSummaryService, type SummaryService } from "#core/summary/summary-service.js";
import { createKeyedHasher } from "#core/shared/keyed-hash.js";
import { PrismaAllianceRepository } from "#storage/prisma/prisma-alliance-repository.js";
import { PrismaCommitmentRepository } from "#storage/prisma/prisma-commitment-repository.js";
import { PrismaCultureFitRepository } from "#storage/prisma/prisma-culture-fit-repository.js";
import { PrismaMemberRepository } from "#storage/prisma/prisma-member-repository.js";
import { PrismaPollRepository } from "#storage/prisma/prisma-poll-repository.js";
import { createBallotSealer } from "#storage/ballot-seal.js";
import { PrismaPulseRepository } from "#storage/prisma/prisma-pulse-repository.js";
import { PrismaSummaryRepository } from "#storage/prisma/prisma-summary-repository.js";
import { PrismaConversationRepository, PrismaWorkspaceRepository } from "#storage/prisma/prisma-workspace-repository.js";
import { PrismaSpaceRepository } from "#storage/prisma/prisma-space-repository.js";
import { PrismaUninstalledWorkspaceStore } from "#storage/prisma/prisma-uninstalled-workspace-store.js";
import { PrismaUpdateLeaseStore } from "#storage/prisma/prisma-update-lease-store.js";
import type { PrismaClient } from "#storage/prisma-client.js";

/** Every repository and service the platforms and the scheduler use. */
export interface CoreServices {
  clock: Clock;
  stores: {
    alliances: PrismaAllianceRepository;
    members: PrismaMemberRepository;
    workspaces: PrismaWorkspaceRepository;
    conversations: PrismaConversationRepository;
    spaces: PrismaSpaceRepository;
    /** Also read by the scheduler (recurring and closed polls); seals anonymous ballots. */
    polls: PrismaPollRepository;
    /** Who updates a chat message next, across instances (the update coalescers). */
    updateLeases: PrismaUpdateLeaseStore;
  };
  alliances: AllianceService;
  members: MemberService;
  privacy: PrivacyService;
  /** Links spaces (Slack workspaces, Teams organisations) into one alliance. */
  links: SpaceLinkService;
  /** Erases an uninstalled workspace's personal data after the retention period. */
  retention: UninstallRetention;
  polls: PollService;
  /**
   * Registers who hears that an open poll's ballots changed because a member became one person
   * with a member of another space (the composition root asks every copy of it to be updated).
   */
  onPersonBallotsMerged(listener: (pollId: string) => void): void;
  commitments: CommitmentService;
  pulse: PulseService;
  culture: CultureFitService;
  summary: SummaryService;
}

/**
 * Builds the services over `prisma`; `secret` keys the anonymous voter and respondent hashes;
 * `retentionDays` is how long an uninstalled workspace's data is kept (default 30).
 */
export function buildCoreServices(deps: { prisma: PrismaClient; clock: Clock; secret: string; retentionDays?: number; methodsUrl?: string | null }): CoreServices {
  const { prisma, clock, secret } = deps;
  const stores = {
    alliances: new PrismaAllianceRepository(prisma),
    members: new PrismaMemberRepository(prisma),
    workspaces: new PrismaWorkspaceRepository(prisma),
    conversations: new PrismaConversationRepository(prisma),
    spaces: new PrismaSpaceRepository(prisma),
    updateLeases: new PrismaUpdateLeaseStore(prisma),
  };
  const alliances = new AllianceService(stores);
  const links = new SpaceLinkService({ ...stores, hashCode: createKeyedHasher(secret, "space-link-code/v1"), clock, onSpacesMoved: () => alliances.forgetCached() });
  const pollRepository = new PrismaPollRepository(prisma, createBallotSealer(secret));
  const voterKeyHasher = createHmacVoterKeyHasher(secret);
  // A membership that becomes verified may join another one as one person: their ballots cast
  // before that in open polls become one, and those polls' messages are updated.
  const mergePersonBallots = createPersonBallotMerger({ polls: pollRepository, members: stores.members, hasher: voterKeyHasher, clock });
  const ballotsMergedListeners: Array<(pollId: string) => void> = [];
  // ... and their pulse invites and answers in open rounds become one respondent's.
  const pulseRepository = new PrismaPulseRepository(prisma);
  const respondentHash = createKeyedHasher(secret, "pulse-respondent/v1");
  const pulseOrganizations = async (allianceId: string) =>
    (await stores.alliances.listOrganizations(allianceId)).map((o) => ({ id: o.id, name: o.name }));
  const mergePersonPulseAnswers = createPersonPulseMerger({
    repository: pulseRepository,
    members: stores.members,
    organizations: pulseOrganizations,
    respondentKey: (roundId, memberId) => respondentHash(roundId, memberId),
    clock,
  });
  const members = new MemberService({
    alliances: stores.alliances,
    members: stores.members,
    allianceService: alliances,
    onEmailVerified: async (memberId) => {
      for (const pollId of await mergePersonBallots(memberId)) {
        for (const listener of ballotsMergedListeners) listener(pollId);
      }
      await mergePersonPulseAnswers(memberId);
    },
  });

  const polls = createPollService({
    polls: pollRepository,
    clock,
    persons: createPersonDirectory(stores.members),
    hasher: voterKeyHasher,
    directory: {
      anonymityThreshold: async (allianceId) => (await alliances.getAlliance(allianceId)).anonymityThreshold,
      organizations: (allianceId) => stores.alliances.listOrganizations(allianceId),
      memberNames: async (ids) => {
        const names = new Map<string, string>();
        for (const id of ids) {
          const member = await stores.members.get(id);
          if (member && !member.erasedAt) names.set(id, member.displayName);
        }
        return names;
      },
    },
  });

  const commitmentRepository = new PrismaCommitmentRepository(prisma);
  const scope: AllianceScope = {
    organization: (id) => stores.alliances.getOrganization(id),
    member: async (id) => {
      const member = await stores.members.get(id);
      return member && { allianceId: member.allianceId, organizationId: member.organizationId, erased: member.erasedAt !== null };
    },
  };
  const commitments = createCommitmentService({ commitments: commitmentRepository, clock, scope });

  const pulse = createPulseService({
    repository: pulseRepository,
    respondentKey: (roundId, memberId) => respondentHash(roundId, memberId),
    persons: createPersonDirectory(stores.members),
    directory: {
      organizations: pulseOrganizations,
      // One invitation per person and round: a person in two spaces (same verified e-mail) is
      // invited once, as their oldest membership (core/alliance/person.ts).
      members: async (allianceId) => onePerPerson(await stores.members.list(allianceId)).map((m) => ({ memberId: m.id, organizationId: m.organizationId })),
    },
  });

  const cultureHash = createKeyedHasher(secret, "culture-respondent/v1");
  const culture = createCultureFitService({
    repository: new PrismaCultureFitRepository(prisma),
    organizations: async (allianceId) => (await stores.alliances.listOrganizations(allianceId)).map((o) => ({ id: o.id, name: o.name })),
    respondentKey: (scope, memberId) => cultureHash(scope, memberId),
  });

  const summary = createSummaryService({
    alliances,
    commitments,
    pulse,
    // The brief's poll: the repository lists the closed runs, the service counts them (k applied).
    polls: { listByAlliance: (allianceId, filter) => pollRepository.listByAlliance(allianceId, filter), getResults: (viewer, id) => polls.getResults(viewer, id) },
    culture,
    summaries: new PrismaSummaryRepository(prisma),
    clock,
    methodsUrl: deps.methodsUrl ?? null,
  });

  const privacy = new PrivacyService({
    ...stores,
    clock,
    sources: [commitmentsPersonalData(commitmentRepository), createPollPersonalDataSource(pollRepository), pulsePersonalData(pulse)],
  });
  const retention = new UninstallRetention({
    store: new PrismaUninstalledWorkspaceStore(prisma),
    forgetMember: (memberId) => privacy.forgetMe(memberId),
    clock,
    retentionDays: deps.retentionDays ?? DEFAULT_RETENTION_DAYS_AFTER_UNINSTALL,
  });
  return {
    clock,
    stores: { ...stores, polls: pollRepository },
    alliances,
    members,
    privacy,
    links,
    retention,
    polls,
    onPersonBallotsMerged: (listener) => void ballotsMergedListeners.push(listener),
    commitments,
    pulse,
    culture,
    summary,
  };
}

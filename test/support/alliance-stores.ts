// Builds the alliance module's stores and services over memory or Prisma, so unit tests and the
// contract suites wire them the same way the composition root does.
import { randomBytes } from "node:crypto";
import { AllianceService } from "#core/alliance/alliance-service.js";
import type { AllianceRepository } from "#core/alliance/alliance-repository.js";
import type { InstallationRepository } from "#core/alliance/installation-repository.js";
import { MemberService } from "#core/alliance/member-service.js";
import type { MemberRepository } from "#core/alliance/member-repository.js";
import type { PersonalDataSource } from "#core/alliance/personal-data.js";
import { PrivacyService } from "#core/alliance/privacy-service.js";
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import type { ConversationRepository, WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import { FixedClock } from "#core/shared/clock.js";
import { InMemoryAllianceRepository } from "#storage/memory/in-memory-alliance-repository.js";
import { InMemoryInstallationRepository } from "#storage/memory/in-memory-installation-repository.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemoryProcessedEventRepository } from "#storage/memory/in-memory-processed-event-repository.js";
import { InMemoryConversationRepository, InMemoryWorkspaceRepository } from "#storage/memory/in-memory-workspace-repository.js";
import { PrismaAllianceRepository } from "#storage/prisma/prisma-alliance-repository.js";
import { PrismaInstallationRepository } from "#storage/prisma/prisma-installation-repository.js";
import { PrismaMemberRepository } from "#storage/prisma/prisma-member-repository.js";
import { PrismaProcessedEventRepository } from "#storage/prisma/prisma-processed-event-repository.js";
import { PrismaConversationRepository, PrismaWorkspaceRepository } from "#storage/prisma/prisma-workspace-repository.js";
import type { PrismaClient } from "#storage/prisma-client.js";
import { TokenCipher } from "#storage/token-cipher.js";

/** Every store of the alliance module. */
export interface AllianceStores {
  alliances: AllianceRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  conversations: ConversationRepository;
  processedEvents: ProcessedEventRepository;
  installations: InstallationRepository;
}

/** The stores in memory. */
export function memoryStores(): AllianceStores {
  return {
    alliances: new InMemoryAllianceRepository(),
    members: new InMemoryMemberRepository(),
    workspaces: new InMemoryWorkspaceRepository(),
    conversations: new InMemoryConversationRepository(),
    processedEvents: new InMemoryProcessedEventRepository(),
    installations: new InMemoryInstallationRepository(),
  };
}

/** A cipher with a random key, for tests. */
export const testCipher = (): TokenCipher => new TokenCipher(randomBytes(32));

/** The stores on Prisma. */
export function prismaStores(prisma: PrismaClient, cipher: TokenCipher = testCipher()): AllianceStores {
  return {
    alliances: new PrismaAllianceRepository(prisma),
    members: new PrismaMemberRepository(prisma),
    workspaces: new PrismaWorkspaceRepository(prisma),
    conversations: new PrismaConversationRepository(prisma),
    processedEvents: new PrismaProcessedEventRepository(prisma),
    installations: new PrismaInstallationRepository(prisma, cipher),
  };
}

/** The three services over `stores`. */
export function allianceServices(stores: AllianceStores, sources: readonly PersonalDataSource[] = [], clock = new FixedClock(new Date("2026-11-30T09:00:00Z"))) {
  const allianceService = new AllianceService(stores);
  const memberService = new MemberService({ alliances: stores.alliances, members: stores.members, allianceService });
  const privacyService = new PrivacyService({ ...stores, sources, clock });
  return { allianceService, memberService, privacyService, clock, stores };
}

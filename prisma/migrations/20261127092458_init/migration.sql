-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "allianceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Installation" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "teamId" TEXT,
    "isEnterprise" BOOLEAN NOT NULL DEFAULT false,
    "botId" TEXT,
    "botUserId" TEXT,
    "botTokenEnc" TEXT,
    "userTokenEnc" TEXT,
    "installerUserId" TEXT,
    "scopes" TEXT,
    "payloadEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "serviceUrl" TEXT,
    "tenantId" TEXT,
    "memberId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alliance" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "anonymityThreshold" INTEGER NOT NULL DEFAULT 5,
    "uncertainty" TEXT NOT NULL DEFAULT 'medium',
    "cultureFlagThreshold" INTEGER NOT NULL DEFAULT 10,
    "steeringWorkspaceId" TEXT,
    "steeringConversationId" TEXT,
    "summaryCadence" TEXT NOT NULL DEFAULT 'weekly',
    "summaryDay" INTEGER NOT NULL DEFAULT 1,
    "summaryHour" INTEGER NOT NULL DEFAULT 9,
    "pulseCadence" TEXT NOT NULL DEFAULT 'weekly',
    "pulseDay" INTEGER NOT NULL DEFAULT 3,
    "pulseHour" INTEGER NOT NULL DEFAULT 10,
    "pulseItemsPerRound" INTEGER NOT NULL DEFAULT 4,
    "commitmentReminderDays" INTEGER NOT NULL DEFAULT 2,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alliance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "emailDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "slackTeamIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "organizationId" TEXT,
    "role" TEXT NOT NULL DEFAULT 'member',
    "locale" TEXT,
    "timezone" TEXT,
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'single',
    "maxChoices" INTEGER NOT NULL DEFAULT 1,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "visibility" TEXT NOT NULL DEFAULT 'live',
    "status" TEXT NOT NULL DEFAULT 'open',
    "closesAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "recurrence" TEXT,
    "templateKey" TEXT,
    "createdById" TEXT,
    "workspaceId" TEXT,
    "conversationId" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollOption" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "PollOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollBallot" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "memberId" TEXT,
    "organizationId" TEXT,
    "optionIds" TEXT[],
    "castOn" DATE NOT NULL,

    CONSTRAINT "PollBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerMemberId" TEXT,
    "ownerOrganizationId" TEXT,
    "beneficiaryOrganizationId" TEXT,
    "beneficiaryMemberId" TEXT,
    "dueAt" TIMESTAMP(3),
    "definitionOfDone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "confirmation" TEXT NOT NULL DEFAULT 'none',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentEvent" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorMemberId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "reason" TEXT,
    "dueAtBefore" TIMESTAMP(3),
    "dueAtAfter" TIMESTAMP(3),
    "idempotencyKey" TEXT,

    CONSTRAINT "CommitmentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseRound" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "itemKeys" TEXT[],
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PulseRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseInvite" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "organizationId" TEXT,
    "sentAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "PulseInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseAnswer" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "respondentKey" TEXT NOT NULL,
    "respondentOrganizationId" TEXT,
    "targetOrganizationId" TEXT NOT NULL DEFAULT '',
    "score" INTEGER,
    "comment" TEXT,
    "answeredOn" DATE NOT NULL,

    CONSTRAINT "PulseAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CultureAssessment" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "respondentKey" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL DEFAULT '',
    "now" JSONB NOT NULL,
    "preferred" JSONB NOT NULL,
    "differences" JSONB NOT NULL DEFAULT '{}',
    "submittedOn" DATE NOT NULL,

    CONSTRAINT "CultureAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Summary" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content" JSONB NOT NULL,

    CONSTRAINT "Summary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "resultRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Workspace_allianceId_idx" ON "Workspace"("allianceId");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_platform_externalId_key" ON "Workspace"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Installation_workspaceId_key" ON "Installation"("workspaceId");

-- CreateIndex
CREATE INDEX "ConversationRef_memberId_idx" ON "ConversationRef"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationRef_workspaceId_conversationId_key" ON "ConversationRef"("workspaceId", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_allianceId_name_key" ON "Organization"("allianceId", "name");

-- CreateIndex
CREATE INDEX "Member_allianceId_organizationId_idx" ON "Member"("allianceId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_workspaceId_externalId_key" ON "Member"("workspaceId", "externalId");

-- CreateIndex
CREATE INDEX "Poll_allianceId_status_idx" ON "Poll"("allianceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PollOption_pollId_position_key" ON "PollOption"("pollId", "position");

-- CreateIndex
CREATE INDEX "PollBallot_memberId_idx" ON "PollBallot"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PollBallot_pollId_voterKey_key" ON "PollBallot"("pollId", "voterKey");

-- CreateIndex
CREATE INDEX "Commitment_allianceId_status_dueAt_idx" ON "Commitment"("allianceId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Commitment_ownerMemberId_idx" ON "Commitment"("ownerMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_allianceId_number_key" ON "Commitment"("allianceId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CommitmentEvent_idempotencyKey_key" ON "CommitmentEvent"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "CommitmentEvent_commitmentId_sequence_key" ON "CommitmentEvent"("commitmentId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "PulseRound_allianceId_periodKey_key" ON "PulseRound"("allianceId", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "PulseInvite_roundId_memberId_key" ON "PulseInvite"("roundId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PulseAnswer_roundId_itemKey_respondentKey_targetOrganizatio_key" ON "PulseAnswer"("roundId", "itemKey", "respondentKey", "targetOrganizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CultureAssessment_allianceId_respondentKey_periodKey_key" ON "CultureAssessment"("allianceId", "respondentKey", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "Summary_allianceId_periodKey_key" ON "Summary"("allianceId", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_scope_periodKey_key" ON "JobRun"("job", "scope", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Installation" ADD CONSTRAINT "Installation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationRef" ADD CONSTRAINT "ConversationRef_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollOption" ADD CONSTRAINT "PollOption_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollBallot" ADD CONSTRAINT "PollBallot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentEvent" ADD CONSTRAINT "CommitmentEvent_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseRound" ADD CONSTRAINT "PulseRound_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseInvite" ADD CONSTRAINT "PulseInvite_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PulseRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseAnswer" ADD CONSTRAINT "PulseAnswer_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PulseRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CultureAssessment" ADD CONSTRAINT "CultureAssessment_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Summary" ADD CONSTRAINT "Summary_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

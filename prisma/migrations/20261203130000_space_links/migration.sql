-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "allianceConversationId" TEXT,
ADD COLUMN     "steeringConversationId" TEXT;

-- CreateTable
CREATE TABLE "SpaceLinkCode" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "createdByMemberId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedByWorkspaceId" TEXT,

    CONSTRAINT "SpaceLinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceLinkEvent" (
    "id" TEXT NOT NULL,
    "allianceId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "actorMemberId" TEXT,
    "type" TEXT NOT NULL,
    "reason" TEXT,
    "codeId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpaceLinkEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SpaceLinkCode_codeHash_key" ON "SpaceLinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "SpaceLinkCode_allianceId_idx" ON "SpaceLinkCode"("allianceId");

-- CreateIndex
CREATE INDEX "SpaceLinkEvent_allianceId_at_idx" ON "SpaceLinkEvent"("allianceId", "at");

-- AddForeignKey
ALTER TABLE "SpaceLinkCode" ADD CONSTRAINT "SpaceLinkCode_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceLinkCode" ADD CONSTRAINT "SpaceLinkCode_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceLinkEvent" ADD CONSTRAINT "SpaceLinkEvent_allianceId_fkey" FOREIGN KEY ("allianceId") REFERENCES "Alliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Channels belong to a space now: the alliance's steering channel becomes its space's own.
UPDATE "Workspace" AS w
SET "steeringConversationId" = a."steeringConversationId"
FROM "Alliance" AS a
WHERE a."steeringWorkspaceId" = w."id" AND a."steeringConversationId" IS NOT NULL AND w."allianceId" = a."id";

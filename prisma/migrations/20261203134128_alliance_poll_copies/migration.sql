-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "forAlliance" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PollCopy" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PollCopy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PollCopy_pollId_workspaceId_conversationId_key" ON "PollCopy"("pollId", "workspaceId", "conversationId");

-- AddForeignKey
ALTER TABLE "PollCopy" ADD CONSTRAINT "PollCopy_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

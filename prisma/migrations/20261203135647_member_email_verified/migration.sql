-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "emailVerified" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Member_allianceId_email_idx" ON "Member"("allianceId", "email");

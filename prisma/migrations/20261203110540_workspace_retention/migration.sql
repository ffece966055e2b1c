-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "personalDataErasedAt" TIMESTAMP(3),
ADD COLUMN     "uninstalledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Workspace_uninstalledAt_idx" ON "Workspace"("uninstalledAt");

-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "publishedTally" JSONB;

-- AlterTable
ALTER TABLE "PollBallot" ADD COLUMN     "sealed" TEXT;

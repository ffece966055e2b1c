-- AlterTable: a commitment made to a member who was forgotten keeps saying so ("former member").
ALTER TABLE "Commitment" ADD COLUMN     "beneficiaryForgotten" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "UpdateLease" (
    "key" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UpdateLease_pkey" PRIMARY KEY ("key")
);

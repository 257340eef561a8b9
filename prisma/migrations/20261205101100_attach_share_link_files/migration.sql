-- AlterTable: whether a share link's visitors may open its images and documents (else they see the names only).
ALTER TABLE "ShareLink" ADD COLUMN "includesImages" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "includesDocuments" BOOLEAN NOT NULL DEFAULT false;

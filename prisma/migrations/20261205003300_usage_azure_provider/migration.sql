-- AlterEnum
ALTER TYPE "ProviderKind" ADD VALUE 'AZURE_OPENAI';

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "apiVersion" TEXT;

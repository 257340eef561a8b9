-- The request shape each model's server accepts (lib/models/compatibility.ts).
CREATE TYPE "OutputLimitParameter" AS ENUM ('max_completion_tokens', 'max_tokens', 'none');
CREATE TYPE "ReasoningEffort" AS ENUM ('minimal', 'low', 'medium', 'high');
CREATE TYPE "SystemPromptRole" AS ENUM ('system', 'developer');

ALTER TABLE "Model"
  ADD COLUMN "outputLimitParameter" "OutputLimitParameter" NOT NULL DEFAULT 'max_tokens',
  ADD COLUMN "sendsSamplingParameters" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "reasoningEffort" "ReasoningEffort",
  ADD COLUMN "allowedReasoningEfforts" "ReasoningEffort"[] DEFAULT ARRAY[]::"ReasoningEffort"[],
  ADD COLUMN "sendsUsageRequest" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "systemPromptRole" "SystemPromptRole" NOT NULL DEFAULT 'system',
  ADD COLUMN "autoAdjustment" TEXT,
  ADD COLUMN "autoAdjustedAt" TIMESTAMP(3);

ALTER TABLE "Conversation" ADD COLUMN "reasoningEffort" "ReasoningEffort";

-- Existing models get the defaults a new one would (defaultRequestShape in lib/models/compatibility.ts): OpenAI's
-- reasoning models (gpt-5, o1, o3, o4 names) the reasoning shape on any server, OpenAI's own endpoint
-- max_completion_tokens for every model. The version is left alone: no setting an admin chose changed.
UPDATE "Model" AS m
SET "outputLimitParameter" = 'max_completion_tokens',
    "sendsSamplingParameters" = false,
    "systemPromptRole" = 'developer'
WHERE m."upstreamName" ~* '^(openai/)?(gpt-5|o1|o3|o4)([^a-z0-9]|$)';

UPDATE "Model" AS m
SET "outputLimitParameter" = 'max_completion_tokens'
FROM "Provider" AS p
WHERE p."id" = m."providerId" AND p."baseUrl" ~* '^https://api\.openai\.com(/|$)';

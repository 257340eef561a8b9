-- A conversation is TEAM exactly when it names its team. Deleting a team outside its use case, which first gives
-- the conversations back as private, now fails instead of leaving TEAM conversations without a team.
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_visibility_matches_team"
  CHECK (("visibility" = 'TEAM') = ("teamId" IS NOT NULL));

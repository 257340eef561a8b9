"use client";

import { useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { describeError } from "./api-client";
import { updateModel } from "./chat-requests";
import type { ConversationDetails, ConversationSharing, TeamRef } from "./chat-types";
import { ConversationSettings } from "./conversation-settings";
import { ExportMenu } from "./export-menu";
import { ModelPicker, useModels } from "./model-picker";
import { ShareLinkButton } from "./share-link-button";
import { TeamShareControl } from "./team-share-control";

type ConversationHeaderProps = {
  details: ConversationDetails;
  onDetailsChange: (details: ConversationDetails) => void;
  sharing: ConversationSharing;
  onTeamChange: (team: TeamRef | null) => void;
  onShareLink: () => void;
};

// The model, the settings and share links are the owner's; team members see the rest.
export function ConversationHeader({
  details,
  onDetailsChange,
  sharing,
  onTeamChange,
  onShareLink,
}: ConversationHeaderProps) {
  const isOwner = sharing.access === "own";
  return (
    // On phones the sidebar's menu button sits over the header's left end (see sidebar.tsx).
    <header className="flex h-12 shrink-0 items-center gap-2 border-line border-b pr-4 pl-14 md:pl-4">
      <h1 className="min-w-0 flex-1 truncate font-medium">{details.title}</h1>
      {isOwner ? (
        // Sharing with a team can narrow the models the conversation may run on: list them again.
        <ConversationModelPicker
          key={sharing.team?.id ?? "private"}
          details={details}
          onDetailsChange={onDetailsChange}
        />
      ) : null}
      <TeamShareControl conversationId={details.id} sharing={sharing} onTeamChange={onTeamChange} />
      {isOwner ? <ShareLinkButton onClick={onShareLink} /> : null}
      <ExportMenu conversationId={details.id} />
      {isOwner ? <ConversationSettings details={details} onSaved={onDetailsChange} /> : null}
    </header>
  );
}

type ConversationModelPickerProps = Pick<ConversationHeaderProps, "details" | "onDetailsChange">;

function ConversationModelPicker({ details, onDetailsChange }: ConversationModelPickerProps) {
  const translator = useTranslator();
  const { models } = useModels(details.id);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function changeModel(modelId: string): Promise<void> {
    setIsSaving(true);
    setError(null);
    const result = await updateModel(details.id, modelId);
    setIsSaving(false);
    if (result.isOk) onDetailsChange(result.data);
    else setError(describeError(result.error, translator));
  }

  return (
    <>
      {error ? (
        <p role="alert" className="truncate text-danger text-sm">
          {error}
        </p>
      ) : null}
      <ModelPicker
        models={models}
        value={details.modelId}
        onChange={(modelId) => void changeModel(modelId)}
        isDisabled={isSaving}
      />
    </>
  );
}

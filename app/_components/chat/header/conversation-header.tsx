"use client";

import { useState } from "react";
import type { ConversationDetails, ConversationSharing, TeamSharing } from "@/app/_components/api/types";
import { useMutation } from "@/app/_components/api/use-mutation";
import { patchConversation } from "@/app/_components/chat/chat-requests";
import { ModelPicker, useModels } from "@/app/_components/chat/model-picker";
import { shownTitle } from "@/app/_components/history";
import { ShareLinkButton } from "@/app/_components/share-links";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ConversationSettingsButton, ConversationSettingsDialog } from "./conversation-settings";
import { EXPORT_FORMATS, ExportMenu, exportUrl } from "./export-menu";
import { HeaderMoreMenu, type MoreMenuItem } from "./header-more-menu";
import { hasTeamShare, TeamShareButton, TeamShareDialog, useTeamShareLabel } from "./team-share-control";

type ConversationHeaderProps = {
  details: ConversationDetails;
  onDetailsChange: (details: ConversationDetails) => void;
  sharing: ConversationSharing;
  onTeamChange: (sharing: TeamSharing) => void;
  onShareLink: () => void;
  /** False while the conversation holds no message (a refused first message leaves it so): nothing to share. */
  hasMessages: boolean;
};

type OpenDialog = "team" | "settings" | null;

// The model, the settings and share links are the owner's; team members see the rest. On phones the controls
// after the model do not fit beside the title: they move into a "More" menu.
export function ConversationHeader({
  details,
  onDetailsChange,
  sharing,
  onTeamChange,
  onShareLink,
  hasMessages,
}: ConversationHeaderProps) {
  const { t } = useTranslator();
  const [openDialog, setOpenDialog] = useState<OpenDialog>(null);
  const teamShareLabel = useTeamShareLabel(sharing);
  const isOwner = sharing.access === "own";
  const hasTeamControl = hasTeamShare(sharing);
  const canShareLink = isOwner && hasMessages;
  const exportFormats = hasMessages ? EXPORT_FORMATS : [];
  const moreItems: MoreMenuItem[] = [
    ...(hasTeamControl ? [{ key: "team", label: teamShareLabel, onSelect: () => setOpenDialog("team") }] : []),
    ...(canShareLink ? [{ key: "share-link", label: t("shareLink.open"), onSelect: onShareLink }] : []),
    ...exportFormats.map(({ format, labelKey }) => ({
      key: format,
      label: t(labelKey),
      href: exportUrl(details.id, format),
    })),
    ...(isOwner
      ? [{ key: "settings", label: t("conversationSettings.title"), onSelect: () => setOpenDialog("settings") }]
      : []),
  ];
  const closeDialog = () => setOpenDialog(null);

  return (
    // On phones the sidebar's menu button sits over the header's left end, which leaves it room (see chat-shell.tsx).
    <header
      data-menu-room
      className="border-line flex h-12 shrink-0 items-center gap-2 border-b pr-2 pl-14 sm:pr-4 md:pl-4"
    >
      <h1 className="min-w-0 flex-1 truncate font-medium">{shownTitle(details.title, t)}</h1>
      {isOwner ? (
        // Sharing with a team can narrow the models the conversation may run on: list them again.
        <ConversationModelPicker
          key={sharing.team?.id ?? "private"}
          details={details}
          onDetailsChange={onDetailsChange}
        />
      ) : null}
      <div className="hidden items-center gap-1 sm:flex">
        {hasTeamControl ? <TeamShareButton sharing={sharing} onClick={() => setOpenDialog("team")} /> : null}
        {canShareLink ? <ShareLinkButton onClick={onShareLink} /> : null}
        {hasMessages ? <ExportMenu conversationId={details.id} /> : null}
        {isOwner ? <ConversationSettingsButton onClick={() => setOpenDialog("settings")} /> : null}
      </div>
      <HeaderMoreMenu items={moreItems} className="sm:hidden" />
      <TeamShareDialog
        isOpen={openDialog === "team"}
        onClose={closeDialog}
        conversationId={details.id}
        sharing={sharing}
        onTeamChange={onTeamChange}
      />
      {isOwner ? (
        <ConversationSettingsDialog
          isOpen={openDialog === "settings"}
          onClose={closeDialog}
          details={details}
          onSaved={onDetailsChange}
        />
      ) : null}
    </header>
  );
}

type ConversationModelPickerProps = Pick<ConversationHeaderProps, "details" | "onDetailsChange">;

function ConversationModelPicker({ details, onDetailsChange }: ConversationModelPickerProps) {
  const { models } = useModels(details.id);
  const { send, error, isPending: isSaving } = useMutation({ refreshesPage: false });

  async function changeModel(modelId: string): Promise<void> {
    const saved = await send(() => patchConversation(details.id, { modelId }));
    if (saved) onDetailsChange(saved);
  }

  return (
    <>
      <InlineAlert message={error} className="truncate" />
      <ModelPicker
        models={models}
        value={details.modelId}
        onChange={(modelId) => void changeModel(modelId)}
        isDisabled={isSaving}
      />
    </>
  );
}

// What a user's turn with files says to the model. Documents' text follows the message as clearly delimited context,
// each under its file name; images become image_url content parts (data URLs of the stored bytes), only for a model
// that reads images. A model that does not (its admin changed it after the turn) is told an image was left out.
import type { ChatCompletionContentPart } from "openai/resources/chat/completions";

export type TurnFile = {
  name: string;
  kind: "IMAGE" | "DOCUMENT";
  contentType: string;
  text: string | null;
  /** An image's bytes, read only when they are sent (a model that reads images); null otherwise. */
  bytes: Uint8Array | null;
};

export function formatDocuments(files: Pick<TurnFile, "name" | "kind" | "text">[]): string {
  return files
    .filter((file) => file.kind === "DOCUMENT")
    .map((file) => `<<< Attached file: ${file.name} >>>\n${file.text ?? ""}\n<<< End of ${file.name} >>>`)
    .join("\n\n");
}

/** The turn's text as the model reads it: the message, then its documents. */
export function getTurnText(content: string, files: Pick<TurnFile, "name" | "kind" | "text">[]): string {
  const documents = formatDocuments(files);
  return documents ? `${content}\n\n${documents}` : content;
}

export function buildTurnContent(
  content: string,
  files: TurnFile[],
  readsImages: boolean,
): string | ChatCompletionContentPart[] {
  const images = files.filter((file) => file.kind === "IMAGE");
  if (images.length === 0) return getTurnText(content, files);
  if (!readsImages) {
    const note = images.map((image) => `[Image ${image.name} left out: this model cannot read images]`).join("\n");
    return `${getTurnText(content, files)}\n\n${note}`;
  }
  return [
    { type: "text", text: getTurnText(content, files) },
    ...images.map(
      (image): ChatCompletionContentPart => ({
        type: "image_url",
        image_url: { url: `data:${image.contentType};base64,${Buffer.from(image.bytes ?? []).toString("base64")}` },
      }),
    ),
  ];
}

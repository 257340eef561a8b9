// One upload to POST /api/attachments, through XMLHttpRequest because fetch reports no upload progress.
import { errorOfProxyAnswer, NETWORK_ERROR } from "@/app/_components/api/api-client";
import { apiErrorSchema } from "@/app/_components/api/schemas";
import type { ApiError } from "@/app/_components/api/types";
import { type AttachmentView, attachmentViewSchema } from "@/lib/live/messages";

export type UploadResult = { isOk: true; attachment: AttachmentView } | { isOk: false; error: ApiError };

/** The upload's answer: the file as stored, or why not (a proxy's own page for a body it refused included). */
export function readUploadAnswer(status: number, text: string): UploadResult {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    return { isOk: false, error: errorOfProxyAnswer(status) };
  }
  if (status === 201) {
    const parsed = attachmentViewSchema.safeParse(body);
    if (parsed.success) return { isOk: true, attachment: parsed.data };
  }
  const error = apiErrorSchema.safeParse(body);
  return { isOk: false, error: error.success ? error.data.error : NETWORK_ERROR };
}

export function uploadFile(
  file: Blob,
  name: string,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/attachments?name=${encodeURIComponent(name)}`);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => resolve(readUploadAnswer(request.status, request.responseText)));
    request.addEventListener("error", () => resolve({ isOk: false, error: NETWORK_ERROR }));
    request.addEventListener("abort", () => resolve({ isOk: false, error: NETWORK_ERROR }));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}

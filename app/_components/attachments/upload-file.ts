// One upload to POST /api/attachments, through XMLHttpRequest because fetch reports no upload progress.
import { errorOfProxyAnswer, NETWORK_ERROR } from "@/app/_components/api/api-client";
import { apiErrorSchema } from "@/app/_components/api/schemas";
import type { ApiError } from "@/app/_components/api/types";
import { type AttachmentView, attachmentViewSchema } from "@/lib/live/messages";

export type UploadResult = { isOk: true; attachment: AttachmentView } | { isOk: false; error: ApiError };
/** `status` 0: no answer (the connection failed or the upload was aborted). */
export type UploadAnswer = UploadResult & { status: number };

/**
 * Whether the same file may be accepted on another try: no answer, the server busy (429: too many uploads or
 * documents being read at once) or failing (5xx, a proxy's included), or the user's storage full (room is made by
 * deleting a chat, or removing another chip's file: which of several files at once finds it full is chance). Other
 * refusals are about the file itself.
 */
export function isRetryableRefusal(status: number, code?: string): boolean {
  return status === 0 || status === 429 || status >= 500 || code === "storage_quota_exceeded";
}

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
): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/attachments?name=${encodeURIComponent(name)}`);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () =>
      resolve({ ...readUploadAnswer(request.status, request.responseText), status: request.status }),
    );
    request.addEventListener("error", () => resolve({ isOk: false, error: NETWORK_ERROR, status: 0 }));
    request.addEventListener("abort", () => resolve({ isOk: false, error: NETWORK_ERROR, status: 0 }));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}

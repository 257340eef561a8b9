"use client";

import { createContext, type ReactNode, useContext } from "react";
import { type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from "@/lib/limits";

// The admin's attachment limits, read by the signed-in layout on the server, so that the composer refuses a file
// the server would refuse before uploading it.
const AttachmentLimitsContext = createContext<AttachmentLimits>(DEFAULT_ATTACHMENT_LIMITS);

export function AttachmentLimitsProvider({ limits, children }: { limits: AttachmentLimits; children: ReactNode }) {
  return <AttachmentLimitsContext.Provider value={limits}>{children}</AttachmentLimitsContext.Provider>;
}

export function useAttachmentLimits(): AttachmentLimits {
  return useContext(AttachmentLimitsContext);
}

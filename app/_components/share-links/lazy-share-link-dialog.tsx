"use client";

import { type ComponentProps, lazy, Suspense } from "react";

function loadShareLinkDialog() {
  return import("./share-link-dialog").then((module) => ({ default: module.ShareLinkDialog }));
}

if (typeof window !== "undefined") void loadShareLinkDialog();

const ShareLinkDialogBody = lazy(loadShareLinkDialog);

// The share-link dialog opens on a click only: its code stays out of the conversation page's first JavaScript.
// Fetching starts as soon as this module runs in the browser, so it is normally there by the first click.
export function ShareLinkDialog(props: ComponentProps<typeof ShareLinkDialogBody>) {
  return (
    <Suspense fallback={null}>
      <ShareLinkDialogBody {...props} />
    </Suspense>
  );
}

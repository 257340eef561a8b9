"use client";

import { type ComponentProps, createContext, type ReactNode, useContext, useMemo, useState } from "react";
import type { ExtraProps } from "react-markdown";
import { ImageIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";

// An image in a message loads only when the reader asks for it: a model or another user could otherwise make the
// browser call any host (and tell it, in the URL, what the conversation says).
export function ExternalImage({ src, alt }: ComponentProps<"img"> & ExtraProps) {
  const { t } = useTranslator();
  const link = useContext(ImagesOfLink);
  const [isLoadedHere, setIsLoadedHere] = useState(false);
  const isLoaded = link?.isLoaded ?? isLoadedHere;
  const load = link?.load ?? (() => setIsLoadedHere(true));
  const description = alt?.trim() || t("markdown.image");
  if (typeof src !== "string" || src === "") return <span>{description}</span>;
  if (isLoaded) {
    // A plain img: next/image would route the picture through this server, which must not fetch arbitrary URLs.
    // biome-ignore lint/performance/noImgElement: see above.
    return <img src={src} alt={alt ?? ""} referrerPolicy="no-referrer" className="max-w-full rounded-lg" />;
  }
  return (
    <button type="button" onClick={load} className="external-image">
      <ImageIcon width={18} height={18} />
      <span>{description}</span>
      <span className="text-ink-muted text-xs">
        {t("markdown.loadImage", { host: describeHost(src) ?? t("markdown.thisSite") })}
      </span>
    </button>
  );
}

type ImageLoading = { isLoaded: boolean; load: () => void };

const ImagesOfLink = createContext<ImageLoading | null>(null);

// A link around images (`[![a](x.png)](https://…)`) is shown only once they are loaded: around a placeholder it would
// be invalid markup (a button in a link), and the one click would both load the image and follow the link. The
// images in one link load together. `wrapInLink` puts what it is given in the link.
export function LinkAroundImages({
  children,
  wrapInLink,
}: {
  children: ReactNode;
  wrapInLink: (content: ReactNode) => ReactNode;
}) {
  const [isLoaded, setIsLoaded] = useState(false);
  const loading = useMemo(() => ({ isLoaded, load: () => setIsLoaded(true) }), [isLoaded]);
  return <ImagesOfLink value={loading}>{isLoaded ? wrapInLink(children) : children}</ImagesOfLink>;
}

// A stand-in for the page's own address, the same on the server and in the browser (no hydration mismatch). A
// source without a host of its own resolves to it: only such a source is "this site". One that does name a host,
// however it is written (`//host/x`, `/\\host/x`), resolves to that host exactly as the browser will load it.
const THIS_SITE = new URL("https://this-site.invalid/");

/** The host the browser would load `src` from, or null when that is this site. */
export function describeHost(src: string): string | null {
  try {
    const url = new URL(src, THIS_SITE);
    return url.host === THIS_SITE.host ? null : url.host;
  } catch {
    return null;
  }
}

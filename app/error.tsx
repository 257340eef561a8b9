"use client";

import { useEffect, useState } from "react";
import { Button } from "./_components/ui/button";
import { useTranslator } from "./_i18n/translator-provider";

type Cause = "checking" | "database" | "other";

// A page that failed to render. The browser never sees a server error's message, so the readiness check tells a
// database outage (say so, and offer to retry) from anything else.
export default function PageError({ retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslator();
  const [cause, setCause] = useState<Cause>("checking");

  useEffect(() => {
    fetch("/api/health?ready", { cache: "no-store" }).then(
      (response) => setCause(response.status === 503 ? "database" : "other"),
      () => setCause("other"),
    );
  }, []);

  const isDatabase = cause === "database";
  return (
    <div role="alert" className="m-auto flex max-w-md flex-col items-center gap-4 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t(isDatabase ? "pageError.databaseTitle" : "pageError.title")}</h1>
      <p className="text-ink-muted">{t(isDatabase ? "pageError.databaseText" : "pageError.text")}</p>
      <Button variant="primary" onClick={retry}>
        {t("pageError.retry")}
      </Button>
    </div>
  );
}

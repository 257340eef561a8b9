"use client";

import { type FormEvent, useState } from "react";
import { useMutation } from "@/app/_components/api/use-mutation";

/**
 * An admin console setting saved by its own small form: the body read from the submitted form goes to `url` with
 * PUT; `isSaved` says so until the next submit.
 */
export function useSettingForm(url: string, bodyOf: (form: FormData) => unknown) {
  const { run, error, isPending } = useMutation();
  const [isSaved, setIsSaved] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setIsSaved(false);
    const result = await run({ url, method: "PUT", body: bodyOf(new FormData(event.currentTarget)) });
    setIsSaved(result !== null);
  }

  return { onSubmit: (event: FormEvent<HTMLFormElement>) => void save(event), error, isPending, isSaved };
}

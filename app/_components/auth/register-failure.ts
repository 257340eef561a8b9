import { z } from "zod";
import { describeError } from "@/app/_components/api/api-client";
import type { ApiError } from "@/app/_components/api/types";
import type { Translator } from "@/app/_i18n/translator";

export type RegisterField = "name" | "email" | "password";
export type RegisterFailure = { message: string; fieldErrors: Partial<Record<RegisterField, string>> };

const registerFields = z.enum(["name", "email", "password"]);

// What to show for a refused registration: a general message and per-field messages.
export function describeRegisterFailure(error: ApiError, translator: Translator): RegisterFailure {
  const message = describeError({ ...error, issues: undefined }, translator);
  const fieldErrors: RegisterFailure["fieldErrors"] = {};
  // The server's words name what is wrong with a field; in another language the field is only marked invalid.
  for (const issue of error.issues ?? []) {
    const field = registerFields.safeParse(issue.path[0]);
    if (field.success) fieldErrors[field.data] ??= translator.locale === "en" ? issue.message : message;
  }
  if (error.code === "email_taken") fieldErrors.email ??= message;
  return { message, fieldErrors };
}

import { z } from "zod";
import { describeError, describeFieldIssue } from "@/app/_components/api/api-client";
import type { ApiError } from "@/app/_components/api/types";
import type { Translator } from "@/app/_i18n/translator";

export type RegisterField = "name" | "email" | "password";
export type RegisterFailure = { message: string; fieldErrors: Partial<Record<RegisterField, string>> };

const registerFields = z.enum(["name", "email", "password"]);

// What to show for a refused registration: a general message and per-field messages.
export function describeRegisterFailure(error: ApiError, translator: Translator): RegisterFailure {
  const message = describeError({ ...error, issues: undefined }, translator);
  const fieldErrors: RegisterFailure["fieldErrors"] = {};
  // What is wrong with a field, in the reader's language; an issue no translation says only marks the field invalid.
  for (const issue of error.issues ?? []) {
    const field = registerFields.safeParse(issue.path[0]);
    if (field.success) fieldErrors[field.data] ??= describeFieldIssue(issue, translator) ?? message;
  }
  if (error.code === "email_taken") fieldErrors.email ??= message;
  return { message, fieldErrors };
}

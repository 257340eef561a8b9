import { z } from "zod";
import type { Translator } from "@/app/_i18n/translator";
import { describeError, readApiError } from "./api-client";

export type RegisterInput = { name: string; email: string; password: string; invitation?: string };
export type RegisterField = "name" | "email" | "password";
export type RegisterFailure = { message: string; fieldErrors: Partial<Record<RegisterField, string>> };

const registerFields = z.enum(["name", "email", "password"]);

// Returns null when the account was created, otherwise what to show: a general message and per-field messages.
export async function requestRegistration(
  input: RegisterInput,
  translator: Translator,
): Promise<RegisterFailure | null> {
  let response: Response;
  try {
    response = await fetch("/api/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(input),
    });
  } catch {
    return { message: translator.t("errors.network"), fieldErrors: {} };
  }
  if (response.ok) return null;
  const error = await readApiError(response);
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

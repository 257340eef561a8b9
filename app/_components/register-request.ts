import { z } from "zod";
import { readApiError } from "./api-client";

export type RegisterInput = { name: string; email: string; password: string };
export type RegisterField = keyof RegisterInput;
export type RegisterFailure = { message: string; fieldErrors: Partial<Record<RegisterField, string>> };

const registerFields = z.enum(["name", "email", "password"]);

// Returns null when the account was created, otherwise what to show: a general message and per-field messages.
export async function requestRegistration(input: RegisterInput): Promise<RegisterFailure | null> {
  let response: Response;
  try {
    response = await fetch("/api/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(input),
    });
  } catch {
    return { message: "Could not reach the server. Check your connection.", fieldErrors: {} };
  }
  if (response.ok) return null;
  const error = await readApiError(response);
  const fieldErrors: RegisterFailure["fieldErrors"] = {};
  for (const issue of error.issues ?? []) {
    const field = registerFields.safeParse(issue.path[0]);
    if (field.success) fieldErrors[field.data] ??= issue.message;
  }
  if (error.code === "email_taken") fieldErrors.email ??= error.message;
  return { message: error.message, fieldErrors };
}

"use server";

// The registration form's action: a post that works before or without the page's JavaScript (see sign-in-action).
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { createSessionCookies, setSessionCookies } from "@/lib/auth/form-sign-in";
import { registerUser, registrationSchema } from "@/lib/auth/register";
import { assertRegistrationAllowed, SignInThrottledError } from "@/lib/auth/throttle";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { AppError, type FieldIssue } from "@/lib/errors";
import { getClientAddress } from "@/lib/http/client-address";
import { parseFields } from "@/lib/http/field-issues";

// The API's error shape, so that the form words it like any other API error; name and email come back so that the
// form keeps them after a failed try (React resets a form after its action).
export type RegisterState = {
  error: { code: string; message: string; issues?: FieldIssue[] } | null;
  name: string;
  email: string;
};

export async function registerAction(_previous: RegisterState, form: FormData): Promise<RegisterState> {
  const requestHeaders = await headers();
  const invitation = form.get("invitation");
  const parsed = parseFields(registrationSchema, {
    name: form.get("name") ?? "",
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    invitation: typeof invitation === "string" && invitation !== "" ? invitation : undefined,
  });
  const kept = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  if (!parsed.success) {
    return {
      ...kept,
      error: { code: "invalid_input", message: "Some fields are invalid.", issues: parsed.issues },
    };
  }
  try {
    // Counted before anything else, as the API's registration is: "email taken" is an answer worth limiting.
    await assertRegistrationAllowed(getClientAddress(requestHeaders));
    await registerUser(parsed.data);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...kept, error: { code: error.code, message: error.message, issues: error.issues } };
  }
  // The account exists even if it cannot sign in yet (it awaits approval, the client address is locked out, the
  // database went away meanwhile): then the sign-in page takes over.
  const signedIn = await createSessionCookies(parsed.data, requestHeaders).catch((error: unknown) => {
    if (!(error instanceof SignInThrottledError) && !isDatabaseUnavailable(error)) {
      console.error("Signing in a new account failed", error);
    }
    return null;
  });
  if (!signedIn) redirect("/sign-in");
  setSessionCookies(await cookies(), signedIn);
  redirect(parsed.data.invitation ? "/teams" : "/");
}

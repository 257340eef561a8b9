"use server";

// The sign-in form's action. A server action, so that the form posts (never a GET with the password in the URL)
// and works before or without the page's JavaScript; Next checks that the post comes from this site's own page.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { toSafeCallbackUrl } from "@/app/_components/auth/safe-callback-url";
import { AccountDisabledError, PasswordSignInOffError } from "@/lib/auth/account-disabled";
import { createSessionCookies, setSessionCookies } from "@/lib/auth/form-sign-in";
import { SignInThrottledError } from "@/lib/auth/throttle";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";

// The email comes back so that the form keeps it after a failed try (React resets a form after its action).
// `retryInMinutes`: the throttle's lock-out, set instead of a plain rejection while it lasts.
// `isDatabaseUnavailable`: the database could not be reached, which says nothing about the password.
export type SignInState = {
  isRejected: boolean;
  email: string;
  retryInMinutes?: number;
  isDatabaseUnavailable?: boolean;
  /** The right password of a disabled account. */
  isDisabled?: boolean;
  /** The admin turned password sign-in off (single sign-on only). */
  isPasswordSignInOff?: boolean;
};

const signInFormSchema = z.object({
  email: z.string().max(320),
  password: z.string().max(128),
  callbackUrl: z.string().max(2_000),
});

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInFormSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? "/",
  });
  if (!parsed.success) return { isRejected: true, email: "" };
  let signedIn: Awaited<ReturnType<typeof createSessionCookies>>;
  try {
    signedIn = await createSessionCookies(parsed.data, await headers());
  } catch (error) {
    const email = parsed.data.email;
    if (error instanceof SignInThrottledError) return { isRejected: true, email, retryInMinutes: error.retryInMinutes };
    if (isDatabaseUnavailable(error)) return { isRejected: true, email, isDatabaseUnavailable: true };
    if (error instanceof AccountDisabledError) return { isRejected: true, email, isDisabled: true };
    if (error instanceof PasswordSignInOffError) return { isRejected: true, email, isPasswordSignInOff: true };
    throw error;
  }
  if (!signedIn) return { isRejected: true, email: parsed.data.email };
  setSessionCookies(await cookies(), signedIn);
  redirect(toSafeCallbackUrl(parsed.data.callbackUrl));
}

// GET|POST /api/auth/* – next-auth: sign-in, sign-out, session and CSRF endpoints.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { answerUnlessDatabaseDown } from "@/lib/auth/auth-outage";
import { findInvalidCallbackUrl } from "@/lib/auth/callback-url-check";
import { errorResponse } from "@/lib/http/handler";
import { getAuthOptionsWithSso } from "@/lib/sso/auth-options";

function authHandler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const invalid = findInvalidCallbackUrl(request);
  if (invalid) {
    const response = errorResponse(invalid.error);
    for (const name of invalid.clearCookies) {
      const secure = name.startsWith("__Secure-") ? "; Secure" : "";
      response.headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0${secure}`);
    }
    return response;
  }
  return answerUnlessDatabaseDown(async () => {
    // The providers are read from the database on each call: an outage there is answered 503 like any other.
    const options = await getAuthOptionsWithSso().catch((error: unknown) => error);
    if (options instanceof Error) return errorResponse(options);
    return NextAuth(options as Awaited<ReturnType<typeof getAuthOptionsWithSso>>)(request, context);
  });
}

export { authHandler as GET, authHandler as POST };

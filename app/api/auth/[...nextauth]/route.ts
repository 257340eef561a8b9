// GET|POST /api/auth/* – next-auth: sign-in, sign-out, session and CSRF endpoints.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { answerUnlessDatabaseDown } from "@/lib/auth/auth-outage";
import { findInvalidCallbackUrl } from "@/lib/auth/callback-url-check";
import { getAuthOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/http/handler";

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
  return answerUnlessDatabaseDown(() => NextAuth(getAuthOptions())(request, context));
}

export { authHandler as GET, authHandler as POST };

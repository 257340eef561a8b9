// GET|POST /api/auth/* – next-auth: sign-in, sign-out, session and CSRF endpoints.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { answerUnlessDatabaseDown, noteIfOutage } from "@/lib/auth/auth-outage";
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
    let options: Awaited<ReturnType<typeof getAuthOptionsWithSso>>;
    try {
      options = await getAuthOptionsWithSso();
    } catch (error) {
      // answerUnlessDatabaseDown answers a noted outage itself, in place of this response.
      if (noteIfOutage(error)) return new Response(null, { status: 503 });
      throw error;
    }
    return NextAuth(options)(request, context);
  });
}

export { authHandler as GET, authHandler as POST };

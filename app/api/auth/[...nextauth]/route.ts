// GET|POST /api/auth/* – next-auth: sign-in, sign-out, session and CSRF endpoints.
import NextAuth from "next-auth";
import { answerUnlessDatabaseDown } from "@/lib/auth/auth-outage";
import { getAuthOptions } from "@/lib/auth/options";

function authHandler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return answerUnlessDatabaseDown(() => NextAuth(getAuthOptions())(request, context));
}

export { authHandler as GET, authHandler as POST };

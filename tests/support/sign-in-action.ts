// The sign-in form's server action, called as the page's script calls it: the action's id read from the page, its
// arguments in React's encoding (the form state, then the form's fields under the "_1_" prefix).

export async function signInThroughAction(
  baseUrl: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await (await fetch(`${baseUrl}/sign-in`)).text();
  const reference = page.match(/name="\$ACTION_1:0" value="([^"]*)"/)?.[1]?.replaceAll("&quot;", '"');
  const { id } = JSON.parse(reference ?? "{}") as { id?: string };
  if (!id) throw new Error("The sign-in page has no form action.");
  const form = new FormData();
  form.append("_1_email", credentials.email);
  form.append("_1_password", credentials.password);
  form.append("_1_callbackUrl", "/");
  form.append("0", JSON.stringify([{ isRejected: false, email: "" }, "$K1"]));
  return fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, origin: baseUrl, accept: "text/x-component", ...headers },
    body: form,
  });
}

/** The value of cookie `name` among a response's Set-Cookie headers, or null. */
export function setCookieValue(response: Response, name: string): string | null {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    const [key, ...value] = (pair ?? "").split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

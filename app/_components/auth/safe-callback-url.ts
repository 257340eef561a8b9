// Only same-site paths are followed after sign-in: anything that resolves to another origin would be an open
// redirect. Resolving the way a browser does catches the tricks a prefix check misses ("/\t/evil.com", "/\\evil").
const PLACEHOLDER_ORIGIN = "http://parley.invalid";

export function toSafeCallbackUrl(value: string | undefined): string {
  if (!value?.startsWith("/")) return "/";
  try {
    const resolved = new URL(value, PLACEHOLDER_ORIGIN);
    if (resolved.origin !== PLACEHOLDER_ORIGIN) return "/";
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return "/";
  }
}

// Only same-site paths are followed after sign-in: anything that resolves to another origin would be an open
// redirect. Resolving the way a browser does catches the tricks a prefix check misses ("/\t/evil.com", "/\\evil").
// What is returned is checked the same way: resolving can itself make a path that leaves the site ("/.//evil.com"
// resolves to the path "//evil.com", which a browser reads as another host).
const PLACEHOLDER_ORIGIN = "http://parley.invalid";

function resolveWithinSite(value: string): string | null {
  if (!value.startsWith("/")) return null;
  const resolved = new URL(value, PLACEHOLDER_ORIGIN);
  if (resolved.origin !== PLACEHOLDER_ORIGIN) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

export function toSafeCallbackUrl(value: string | undefined): string {
  try {
    const path = value === undefined ? null : resolveWithinSite(value);
    return path !== null && resolveWithinSite(path) === path ? path : "/";
  } catch {
    return "/";
  }
}

// Only same-site paths are followed after sign-in: an absolute or protocol-relative URL would be an open redirect.
export function toSafeCallbackUrl(value: string | undefined): string {
  const isLocalPath = value?.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\");
  return isLocalPath && value ? value : "/";
}

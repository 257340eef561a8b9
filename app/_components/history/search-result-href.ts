/**
 * Where a search result opens: the conversation at the message its snippet comes from (`?message=`, which the page
 * scrolls to, in the version that holds it), or as it is for a title match (or a conversation listed, not found by search).
 */
export function searchResultHref(result: { id: string; messageId?: string | null }): string {
  const path = `/c/${result.id}`;
  return result.messageId ? `${path}?message=${encodeURIComponent(result.messageId)}` : path;
}

import { NotFoundPage } from "@/app/_components/ui/not-found-page";

// One answer for every link that does not open (unknown, revoked, expired, deleted, links turned off), so that a
// visitor learns nothing about which it was.
export default function SharedConversationNotFound() {
  return <NotFoundPage titleKey="share.page.unavailable" textKey="share.page.unavailableText" />;
}

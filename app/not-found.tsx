import { NotFoundPage } from "./_components/ui/not-found-page";

export default function NotFound() {
  return <NotFoundPage titleKey="notFound.pageTitle" textKey="notFound.pageText" />;
}

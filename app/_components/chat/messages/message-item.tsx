import { memo } from "react";
import { AssistantMessage } from "./assistant-message";
import type { MessageItemProps } from "./message-actions";
import { UserMessage } from "./user-message";

// Memoised: while a reply streams only the last message changes, so earlier ones skip re-rendering.
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  return props.message.role === "USER" ? <UserMessage {...props} /> : <AssistantMessage {...props} />;
});

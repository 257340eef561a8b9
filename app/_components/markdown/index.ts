// What the other features may use of this one; the rest of the folder is its own.
export { Markdown } from "./markdown";
export { ThinkingBlock } from "./thinking-block";

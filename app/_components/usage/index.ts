// The admin's usage dashboard (issue 17): a chart and a table per grouping.
export { FeedbackSection } from "./feedback-section";
export { type UsageRow, UsageSection } from "./usage-section";

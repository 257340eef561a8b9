// What a request got wrong in one field, as a rule with its figures, so that the browser can say it in the reader's
// language: the server's message (which API callers read) is the rule's English sentence below, and the catalogs
// hold the same sentences under `issues.<rule>` (tests/unit/field-issues.test.ts holds the English ones equal).
// The zod checks map to the general rules (lib/http/field-issues.ts); a check of Parley's own gets a rule of its own.
// No server imports here: the browser reads the rule names.
import type { FieldIssue } from "../errors";

export const ISSUE_SENTENCES = {
  required: "Fill this in.",
  number: "Enter a number.",
  whole_number: "Enter a whole number.",
  number_min: "Enter a number of at least {min}.",
  number_above: "Enter a number above {min}.",
  number_max: "Enter a number of at most {max}.",
  number_below: "Enter a number below {max}.",
  text_min: "Use at least {min} characters.",
  text_max: "Use at most {max} characters.",
  list_min: "Choose at least {min}.",
  list_max: "Choose at most {max}.",
  choice: "Choose one of: {choices}.",
  email: "Enter a valid email address.",
  url: "Enter a valid URL.",
  format: "This is not in the expected form.",
  model_name_taken: "This provider already has a model with this name.",
  domain_list: "Enter domain names such as example.com, separated by commas: “{entry}” is not one.",
  no_such_date: "There is no such date.",
  range_inverted: "Choose an end date on or after the start date.",
  range_too_long: "Choose a range of at most {max} days.",
  enable_before_default: "Enable this model before making it the default.",
  default_stays_enabled: "The default model must stay enabled. Make another model the default first.",
  message_below_file: "A message's total must allow at least one file of the largest size.",
  storage_below_file: "Storage per user must allow at least one file of the largest size.",
  day_above_month: "Tokens per day cannot be more than tokens per month.",
  invisible_characters: "Remove the invisible characters (such as zero-width spaces or direction marks).",
  current_password_wrong: "The current password is not right.",
} as const;

export type IssueRule = keyof typeof ISSUE_SENTENCES;

/** The rules of zod's checks, whose sentences do not say which field they are about: the browser names it. */
const GENERAL_RULES = new Set<string>([
  "required",
  "number",
  "whole_number",
  "number_min",
  "number_above",
  "number_max",
  "number_below",
  "text_min",
  "text_max",
  "list_min",
  "list_max",
  "choice",
  "email",
  "url",
  "format",
]);

export const isGeneralRule = (rule: string | undefined) => rule !== undefined && GENERAL_RULES.has(rule);
export type IssueValues = Record<string, string | number>;

export function isIssueRule(name: unknown): name is IssueRule {
  return typeof name === "string" && Object.hasOwn(ISSUE_SENTENCES, name);
}

/** The rule's English sentence with its figures (numbers as English writes them: 100,000). */
export function sentenceOf(rule: IssueRule, values: IssueValues = {}): string {
  return ISSUE_SENTENCES[rule].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) return placeholder;
    return typeof value === "number" ? value.toLocaleString("en-US") : value;
  });
}

/** An issue of Parley's own check on the field at `path`, worded by its rule. */
export function ruleIssue(path: FieldIssue["path"], rule: IssueRule, values: IssueValues = {}): FieldIssue {
  return { path, message: sentenceOf(rule, values), rule, values };
}

// zod's findings about a request, in the words users read: each check's issue is mapped to a rule of
// issue-rules.ts (its English sentence and its figures), in this one place, for every route and form. A schema's own
// message for a check stays its message; the rule is still given, for the browser's translation.
import type { z } from "zod";
import type { FieldIssue } from "../errors";
import { type IssueRule, type IssueValues, isIssueRule, sentenceOf } from "./issue-rules";

type Rule = { rule: IssueRule; values: IssueValues };

// What the rules read of an issue: finished (in a ZodError) or raw (as an error map gets it).
type IssueFacts = {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  format?: string;
  values?: readonly unknown[];
  params?: Record<string, unknown>;
};

const NUMBER_ORIGINS = new Set(["number", "int"]);
const LIST_ORIGINS = new Set(["array", "set"]);

function sizeRule(issue: IssueFacts): Rule | null {
  const isMax = issue.code === "too_big";
  const bound = Number(isMax ? issue.maximum : issue.minimum);
  if (!Number.isFinite(bound) || issue.origin === undefined) return null;
  if (NUMBER_ORIGINS.has(issue.origin)) {
    const inclusive = issue.inclusive !== false;
    if (isMax) return { rule: inclusive ? "number_max" : "number_below", values: { max: bound } };
    return { rule: inclusive ? "number_min" : "number_above", values: { min: bound } };
  }
  if (issue.origin === "string") {
    if (isMax) return { rule: "text_max", values: { max: bound } };
    return bound <= 1 ? { rule: "required", values: {} } : { rule: "text_min", values: { min: bound } };
  }
  if (LIST_ORIGINS.has(issue.origin)) {
    return isMax ? { rule: "list_max", values: { max: bound } } : { rule: "list_min", values: { min: bound } };
  }
  return null;
}

function choiceRule(values: readonly unknown[] | undefined): Rule | null {
  const choices = (values ?? []).filter((value) => typeof value === "string" || typeof value === "number");
  // A literal `true` and the like name no choice a person makes.
  if (choices.length === 0 || choices.length !== values?.length) return null;
  return { rule: "choice", values: { choices: choices.join(", ") } };
}

/** The rule an issue broke, or null for one no sentence fits (an unknown key: a caller's mistake, not a person's). */
function ruleOfIssue(issue: IssueFacts): Rule | null {
  switch (issue.code) {
    case "too_big":
    case "too_small":
      return sizeRule(issue);
    case "invalid_value":
      return choiceRule(issue.values);
    case "invalid_type":
      if (issue.expected === "int") return { rule: "whole_number", values: {} };
      return issue.expected === "number" ? { rule: "number", values: {} } : null;
    case "invalid_format":
      if (issue.format === "email") return { rule: "email", values: {} };
      return { rule: issue.format === "url" ? "url" : "format", values: {} };
    case "custom": {
      // A refinement of Parley's own names its rule: .refine(check, { message, params: { rule, values } }).
      const rule = issue.params?.rule;
      const values = (issue.params?.values ?? {}) as IssueValues;
      return isIssueRule(rule) ? { rule, values } : null;
    }
    default:
      return null;
  }
}

/** For safeParse's `error` option: the rule's sentence where the schema gives no message of its own. */
const issueSentence = (issue: IssueFacts): string | undefined => {
  const found = ruleOfIssue(issue);
  return found ? sentenceOf(found.rule, found.values) : undefined;
};

function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((key) => typeof key !== "symbol") as (string | number)[];
    const found = ruleOfIssue(issue as IssueFacts);
    return found ? { path, message: issue.message, ...found } : { path, message: issue.message };
  });
}

/** safeParse with the sentences above, its failure as field issues. */
export function parseFields<T>(
  schema: z.ZodType<T>,
  input: unknown,
): { success: true; data: T } | { success: false; issues: FieldIssue[] } {
  const parsed = schema.safeParse(input, { error: issueSentence });
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issues: toFieldIssues(parsed.error) };
}

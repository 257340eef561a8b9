import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError } from "@/app/_components/api/api-client";
import { en } from "@/app/_i18n/messages-en";
import { createTranslator } from "@/app/_i18n/translator";
import { parseFields } from "@/lib/http/field-issues";
import { ISSUE_SENTENCES, type IssueRule } from "@/lib/http/issue-rules";

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const parsed = parseFields(schema, input);
  if (parsed.success) throw new Error("The input was taken.");
  return parsed.issues;
};

describe("zod's issues in words", () => {
  it.each([
    ["a number too large", z.number().max(100_000), 99_999_999_999, "number_max", "Enter a number of at most 100,000."],
    ["a number below the least", z.number().min(0), -1, "number_min", "Enter a number of at least 0."],
    ["a number not above zero", z.number().gt(0), 0, "number_above", "Enter a number above 0."],
    ["a number not below the bound", z.number().lt(2), 2, "number_below", "Enter a number below 2."],
    ["a fraction for a whole number", z.number().int(), 1.5, "whole_number", "Enter a whole number."],
    ["text for a number", z.number(), "five", "number", "Enter a number."],
    ["an empty text", z.string().min(1), "", "required", "Fill this in."],
    ["a short text", z.string().min(8), "short", "text_min", "Use at least 8 characters."],
    ["a long text", z.string().max(3), "four", "text_max", "Use at most 3 characters."],
    ["too many choices", z.array(z.string()).max(1), ["a", "b"], "list_max", "Choose at most 1."],
    ["an unknown option", z.enum(["day", "user"]), "nope", "choice", "Choose one of: day, user."],
    ["an email that is none", z.email(), "nope", "email", "Enter a valid email address."],
    ["a URL that is none", z.url(), "nope", "url", "Enter a valid URL."],
    ["a text of the wrong form", z.string().regex(/^a+$/), "b", "format", "This is not in the expected form."],
  ])("says %s", (_, schema, input, rule, message) => {
    expect(issuesOf(z.strictObject({ field: schema }), { field: input })).toEqual([
      expect.objectContaining({ path: ["field"], rule, message }),
    ]);
  });

  it("keeps a schema's own message, and still gives the rule for a translation", () => {
    const schema = z.strictObject({ temperature: z.number().max(2, "Use a temperature from 0 to 2.") });
    expect(issuesOf(schema, { temperature: 5 })).toEqual([
      { path: ["temperature"], message: "Use a temperature from 0 to 2.", rule: "number_max", values: { max: 2 } },
    ]);
  });

  it("gives a refinement of Parley's own the rule it names", () => {
    const schema = z.strictObject({ low: z.number(), high: z.number() }).refine((value) => value.low <= value.high, {
      message: "Use a number of at most 3.",
      path: ["low"],
      params: { rule: "number_max", values: { max: 3 } },
    });
    expect(issuesOf(schema, { low: 5, high: 3 })).toEqual([
      { path: ["low"], message: "Use a number of at most 3.", rule: "number_max", values: { max: 3 } },
    ]);
  });

  it("leaves an unknown key in zod's words: it is the caller's mistake", () => {
    expect(issuesOf(z.strictObject({}), { extra: 1 })).toEqual([{ path: [], message: 'Unrecognized key: "extra"' }]);
  });

  it("words every rule in the English catalog as the server does", () => {
    for (const [rule, sentence] of Object.entries(ISSUE_SENTENCES)) {
      expect(en[`issues.${rule as IssueRule}`]).toBe(sentence);
    }
  });
});

describe("the browser's sentence", () => {
  const tooMany = {
    code: "invalid_input",
    message: "Some fields are invalid.",
    issues: [
      {
        path: ["requestsPerMinute"],
        message: "Enter a number of at most 100,000.",
        rule: "number_max",
        values: { max: 100_000 },
      },
    ],
  };

  it("names the field before the rule's sentence, in English and in Chinese", () => {
    expect(describeError(tooMany, createTranslator("en"))).toBe(
      "Requests per minute, per key and per user: Enter a number of at most 100,000.",
    );
    expect(describeError(tooMany, createTranslator("zh-CN"))).toBe(
      "“每个密钥和每个用户每分钟的请求数”：请输入不大于 100,000 的数字。",
    );
  });

  it("keeps the server's own words in English, and says the rule in Chinese", () => {
    const tooHot = {
      code: "invalid_input",
      message: "Some fields are invalid.",
      issues: [
        { path: ["temperature"], message: "Use a temperature from 0 to 2.", rule: "number_max", values: { max: 2 } },
      ],
    };
    expect(describeError(tooHot, createTranslator("en"))).toBe("Use a temperature from 0 to 2.");
    expect(describeError(tooHot, createTranslator("zh-CN"))).toBe("“温度”：请输入不大于 2 的数字。");
  });

  it("says in Chinese too that a provider has a model of that name, not that something changed meanwhile", () => {
    const taken = {
      code: "model_name_taken",
      message: "This provider already has a model with this name.",
      issues: [
        {
          path: ["upstreamName"],
          message: "This provider already has a model with this name.",
          rule: "model_name_taken",
          values: {},
        },
      ],
    };
    expect(describeError(taken, createTranslator("zh-CN"))).toBe("该服务商已有同名模型。");
    expect(describeError(taken, createTranslator("en"))).toBe("This provider already has a model with this name.");
  });

  it("says an option's choices where the field has no label", () => {
    const badOption = {
      code: "invalid_input",
      message: "Some fields are invalid.",
      issues: [
        { path: ["by"], message: "Choose one of: day, user.", rule: "choice", values: { choices: "day, user" } },
      ],
    };
    expect(describeError(badOption, createTranslator("en"))).toBe("Choose one of: day, user.");
    expect(describeError(badOption, createTranslator("zh-CN"))).toBe("请从以下选项中选择：day, user。");
  });
});

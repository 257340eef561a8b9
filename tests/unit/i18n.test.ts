import { describe, expect, it } from "vitest";
import { describeError } from "@/app/_components/api/api-client";
import { localeFromAcceptLanguage, resolveLocale } from "@/app/_i18n/locales";
import { en } from "@/app/_i18n/messages-en";
import { zhCN } from "@/app/_i18n/messages-zh-cn";
import { createTranslator } from "@/app/_i18n/translator";
import { errorStatus } from "@/lib/errors";

describe("locale resolution", () => {
  it.each(["zh", "zh-CN", "zh-Hans", "zh-SG", "zh-Hans-CN", "ZH-cn"])("reads %s as Simplified Chinese", (tag) => {
    expect(localeFromAcceptLanguage(tag)).toBe("zh-CN");
  });

  it.each([null, "", "en-US", "fr-FR", "zh-TW", "zh-Hant", "de;q=0.9, ja"])(
    "falls back to English for %j",
    (header) => {
      expect(localeFromAcceptLanguage(header)).toBe("en");
    },
  );

  it("takes the supported language the browser weights highest", () => {
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,zh-CN;q=0.8,en;q=0.7")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en;q=0.5,zh;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-CN;q=0,en")).toBe("en");
  });

  it("prefers the choice saved in the cookie, and ignores a cookie that names no supported locale", () => {
    expect(resolveLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
    expect(resolveLocale("klingon", "zh-CN")).toBe("zh-CN");
    expect(resolveLocale(undefined, undefined)).toBe("en");
  });
});

describe("translator", () => {
  it("fills named values and formats numbers for the language", () => {
    const { t } = createTranslator("en");
    expect(t("conversations.deleted", { title: "Trip" })).toBe("Deleted “Trip”");
    expect(t("composer.tooLong", { length: 12345, max: 10000 })).toBe(
      "Your message is too long: 12,345 of 10,000 characters allowed.",
    );
  });

  it("picks the English plural form by count; Chinese has one form", () => {
    const english = createTranslator("en");
    expect(english.t("context.messages", { count: 1 })).toBe("1 message");
    expect(english.t("context.messages", { count: 2 })).toBe("2 messages");
    expect(english.t("context.messages", { count: 0 })).toBe("0 messages");
    expect(createTranslator("zh-CN").t("context.messages", { count: 1 })).toBe("1 条消息");
  });

  it("formats dates for the language", () => {
    const date = new Date(Date.UTC(2026, 10, 28, 12));
    const options = { month: "long", year: "numeric", timeZone: "UTC" } as const;
    expect(createTranslator("en").formatDate(date, options)).toBe("November 2026");
    expect(createTranslator("zh-CN").formatDate(date, options)).toBe("2026年11月");
  });

  it("shows the server's own words in English and a translated sentence for the error code in Chinese", () => {
    const error = { code: "not_found", message: "Conversation not found." };
    expect(describeError(error, createTranslator("en"))).toBe("Conversation not found.");
    expect(describeError(error, createTranslator("zh-CN"))).toBe("未找到，可能已被删除。");
    expect(describeError({ code: "teapot", message: "?" }, createTranslator("zh-CN"))).toBe("出了点问题，请重试。");
  });

  it("names the field at fault in Chinese, by the form's own label, where the server names one", () => {
    const wrongPassword = {
      code: "invalid_input",
      message: "The current password is not right.",
      issues: [{ path: ["currentPassword"], message: "The current password is not right." }],
    };
    expect(describeError(wrongPassword, createTranslator("zh-CN"))).toBe("请检查“当前密码”。");
    expect(describeError(wrongPassword, createTranslator("en"))).toBe("The current password is not right.");
    const unknownField = { ...wrongPassword, issues: [{ path: ["colour"], message: "No." }] };
    expect(describeError(unknownField, createTranslator("zh-CN"))).toBe("输入的内容有误。");
  });

  it("tells apart in Chinese a file of a type Parley does not read, a scan without text, and a file that is no export", () => {
    const zh = createTranslator("zh-CN");
    const sentence = (code: string) => describeError({ code, message: "?" }, zh);
    expect(sentence("unsupported_file")).toBe("无法读取此文件：请使用图片、PDF、Word（DOCX）或文本文件。");
    expect(sentence("no_text_found")).toBe("此文件中没有可读取的文字：扫描的 PDF 没有文字层。");
    expect(sentence("not_an_export")).toBe("此文件不是 ChatGPT 导出（conversations.json）或 Parley 的 JSON 导出。");
  });

  it("says in Chinese why an admin's change was refused, not that something changed meanwhile", () => {
    const zh = createTranslator("zh-CN");
    const sentence = (code: string) => describeError({ code, message: "?" }, zh);
    expect(sentence("provider_name_taken")).toBe("已有同名的服务商。");
    expect(sentence("sso_provider_name_taken")).toBe("另一个单点登录身份提供方已使用此简称。");
    expect(sentence("default_model")).toBe("这是默认模型，或其服务商。请先将另一个模型设为默认。");
    expect(sentence("demo_provider")).toBe("内置演示服务商不能更改，也不能添加其他模型。");
    expect(sentence("own_account")).toBe("不能在此更改或删除你自己的账户。请让另一位管理员操作。");
  });

  it("gives a message too long for the model's window its counts in Chinese too", () => {
    const tooLong = {
      code: "context_overflow",
      message: "This message is too long for the model: 9,128 tokens with the system prompt, 7,168 available.",
      details: { messageTokens: 9000, systemTokens: 120, requiredTokens: 9128, budget: 7168 },
    };
    expect(describeError(tooLong, createTranslator("zh-CN"))).toBe(
      "这条消息对该模型来说太长：连同系统提示共 9,128 个 token，可用 7,168 个。",
    );
    expect(describeError(tooLong, createTranslator("en"))).toBe(tooLong.message);
  });
});

describe("catalogs", () => {
  const placeholders = (message: unknown) =>
    [...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("translate every key and leave none empty", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, message] of Object.entries(zhCN)) {
      const text = typeof message === "string" ? message : message.other;
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("use the same named values in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(new Set(placeholders(zhCN[key])), key).toEqual(new Set(placeholders(en[key])));
    }
  });

  it("have a sentence for every error code the server sends", () => {
    for (const code of Object.keys(errorStatus)) expect(Object.hasOwn(en, `errors.${code}`), code).toBe(true);
  });
});

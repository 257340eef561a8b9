// People's names: blanks of every kind collapse into one ordinary space, invisible characters are refused (typed) or
// dropped (from a single sign-on provider), so that no name can pad itself to push the email beside it out of view.
import { describe, expect, it } from "vitest";
import { profileChangesSchema } from "@/lib/accounts/account-settings";
import { personNameFromProvider, personNameSchema } from "@/lib/auth/person-name";
import { registrationSchema } from "@/lib/auth/register";
import { parseFields } from "@/lib/http/field-issues";

const parse = (name: string) => personNameSchema.safeParse(name);
const nameOf = (name: string) => {
  const parsed = parse(name);
  if (!parsed.success) throw new Error(`Refused: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
};

describe("a typed name", () => {
  it("turns the QA report's spoof (a Braille blank padding) into the plain name", () => {
    const spoof = `dave dave@example.test${"\u2800".repeat(78)}`;
    expect(spoof).toHaveLength(100);
    expect(nameOf(spoof)).toBe("dave dave@example.test");
  });

  it.each([
    ["Braille blank", "\u2800"],
    ["Hangul filler", "\u3164"],
    ["Hangul choseong filler", "\u115F"],
    ["Hangul jungseong filler", "\u1160"],
    ["halfwidth Hangul filler", "\uFFA0"],
    ["no-break space", "\u00A0"],
    ["ideographic space", "\u3000"],
    ["em space", "\u2003"],
    ["narrow no-break space", "\u202F"],
    ["line separator", "\u2028"],
    ["tab and line break", "\t\n"],
  ])("collapses a run of %s with spaces into one ordinary space", (_, blank) => {
    expect(nameOf(`${blank}Ada ${blank}${blank} Lovelace${blank}`)).toBe("Ada Lovelace");
  });

  it.each([
    ["a zero-width space", "Ada\u200BLovelace"],
    ["a right-to-left override", "Ada \u202Eecalevol"],
    ["a word joiner", "Ada\u2060Lovelace"],
    ["a soft hyphen", "Ada\u00ADLovelace"],
    ["a control character", "Ada\u0007Lovelace"],
    ["a private-use character", "Ada \uE000"],
    ["an unassigned code point", "Ada \u{E0080}"],
    ["a joiner at the end", "Ada\u200D"],
    ["a joiner beside a space", "Ada \u200DLovelace"],
  ])("refuses %s with a message that says what to remove", (_, name) => {
    const parsed = parse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      "Remove the invisible characters (such as zero-width spaces or direction marks).",
    );
  });

  it("keeps joiners between visible characters: emoji sequences and Persian names", () => {
    expect(nameOf("Family 👨\u200D👩\u200D👧")).toBe("Family 👨\u200D👩\u200D👧");
    expect(nameOf("می\u200Cخواهم")).toBe("می\u200Cخواهم");
  });

  it("counts the limit and the emptiness after collapsing", () => {
    expect(parse("\u2800 \u3164").error?.issues[0]?.message).toBe("Enter your name.");
    expect(nameOf(`${"a".repeat(100)}${" ".repeat(20)}`)).toHaveLength(100);
    expect(parse("a".repeat(101)).success).toBe(false);
  });

  it("applies at registration and in Settings, with the rule the browser translates", () => {
    const registration = { email: "ada@example.test", password: "long enough", name: "Ada\u3000\u3000Lovelace" };
    expect(registrationSchema.parse(registration).name).toBe("Ada Lovelace");
    expect(profileChangesSchema.parse({ name: " Ada\u2800" }).name).toBe("Ada");
    const refused = parseFields(profileChangesSchema, { name: "Ada\u200B" });
    expect(refused.success ? [] : refused.issues).toMatchObject([{ path: ["name"], rule: "invisible_characters" }]);
  });
});

describe("a name from a single sign-on provider", () => {
  it("drops invisible characters, collapses blanks and cuts a long name at whole characters", () => {
    expect(personNameFromProvider("Ada\u200B\u2800\u2800Lovelace\u202E", "ada@example.test")).toBe("Ada Lovelace");
    expect(personNameFromProvider(`${"a".repeat(99)}😀`, "ada@example.test")).toBe("a".repeat(99));
  });

  it("falls back to the email when nothing visible is left", () => {
    expect(personNameFromProvider("\u2800\u200B", "ada@example.test")).toBe("ada@example.test");
    expect(personNameFromProvider(undefined, "ada@example.test")).toBe("ada@example.test");
  });
});

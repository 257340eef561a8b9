// The name a person goes by (registration, single sign-on, Settings): others read it beside an email, in the admin
// console, team pages and conversations, so nothing in it may hide or fake the text around it.
//
// Blanks become one ordinary space: spaces of every kind (no-break, ideographic, the width spaces, line
// separators), tabs and line breaks, and the letters that draw as nothing (Braille blank, Hangul fillers), a run of
// them collapsing into one. They read as spaces, so the name looks as typed, but can no longer pad it wide enough to
// push what follows out of view. Other invisible characters (controls, format characters such as zero-width spaces
// and direction overrides, private-use and unassigned code points) are refused with a message, not dropped: the
// person learns what was wrong with what they pasted rather than finding a different name stored. The zero-width
// joiner and non-joiner stay allowed between two visible characters, where emoji sequences and Persian or Indic
// names need them.
import { z } from "zod";
import { sentenceOf } from "../http/issue-rules";

const MAX_PERSON_NAME_LENGTH = 100;

const BLANKS = /[\s\p{Z}\u115F\u1160\u2800\u3164\uFFA0]+/gu;
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]$/u;
const JOINERS = new Set(["\u200C", "\u200D"]);

/** Every run of blanks as one ordinary space, none at either end. */
function collapseBlanks(text: string): string {
  return text.replace(BLANKS, " ").trim();
}

const isVisible = (character: string | undefined) =>
  character !== undefined && character !== " " && !INVISIBLE.test(character);

/** The text without its invisible characters, joiners between two visible characters apart (blanks collapsed). */
function withoutInvisible(text: string): string {
  const characters = Array.from(text);
  return characters
    .filter(
      (character, index) =>
        !INVISIBLE.test(character) ||
        (JOINERS.has(character) && isVisible(characters[index - 1]) && isVisible(characters[index + 1])),
    )
    .join("");
}

function hasInvisibleCharacters(name: string): boolean {
  return withoutInvisible(name) !== name;
}

export const personNameSchema = z
  .string()
  .overwrite(collapseBlanks)
  .min(1, "Enter your name.")
  .max(MAX_PERSON_NAME_LENGTH, `Use at most ${MAX_PERSON_NAME_LENGTH} characters.`)
  .refine((name) => !hasInvisibleCharacters(name), {
    message: sentenceOf("invisible_characters"),
    params: { rule: "invisible_characters" },
  });

/**
 * The name a single sign-on provider gives, made to follow the same rules: nobody can correct it at sign-in, so the
 * invisible characters are dropped instead and a long name is cut (whole characters); the email stands in for none.
 */
export function personNameFromProvider(claimed: string | undefined, email: string): string {
  let name = "";
  for (const character of collapseBlanks(withoutInvisible(collapseBlanks(claimed ?? "")))) {
    if (name.length + character.length > MAX_PERSON_NAME_LENGTH) break;
    name += character;
  }
  return collapseBlanks(name) || email;
}

// Prices are text and math is math: `$` is read as Pandoc reads it, and code keeps its dollars as written.
import { describe, expect, it } from "vitest";
import { escapeNonMathDollars } from "@/app/_components/markdown/math-dollars";

describe("reading dollar signs", () => {
  it("escapes prices, which cannot open or close inline math", () => {
    expect(escapeNonMathDollars("it costs $5 and $10 per month, or $15.")).toBe(
      "it costs \\$5 and \\$10 per month, or \\$15.",
    );
    expect(escapeNonMathDollars("between $ 5 and 10$")).toBe("between \\$ 5 and 10\\$");
    // The closing `$` is followed by a digit: not math.
    expect(escapeNonMathDollars("$x$5")).toBe("\\$x\\$5");
  });

  it("leaves real inline math alone", () => {
    for (const math of ["$x^2$", "$2x+1$", "$\\alpha$", "so $E = mc^2$, and $a$."]) {
      expect(escapeNonMathDollars(math)).toBe(math);
    }
  });

  it("does not let math run across a blank line", () => {
    expect(escapeNonMathDollars("$a\n\nb$")).toBe("\\$a\n\nb\\$");
    expect(escapeNonMathDollars("$a\nb$")).toBe("$a\nb$");
  });

  it("leaves code spans, fenced code and display math as written", () => {
    for (const code of [
      "the price is `$5 and $10`",
      "``a ` $5 ``",
      "```sh\necho $HOME costs $5\n```",
      "  ~~~\n$PATH\n  ~~~",
      "$$\n\\sum_{i} x_i $ 5\n$$",
      "inline $$a + b$$ display",
    ]) {
      expect(escapeNonMathDollars(code)).toBe(code);
    }
    expect(escapeNonMathDollars("```\n$5\n```\n$5 after")).toBe("```\n$5\n```\n\\$5 after");
  });

  it("keeps a dollar that is already escaped as it is", () => {
    expect(escapeNonMathDollars("\\$5 and \\$10")).toBe("\\$5 and \\$10");
  });
});

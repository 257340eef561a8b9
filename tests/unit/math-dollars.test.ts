// Prices are text and math is math: `$` is read as Pandoc reads it, and code, links and HTML keep their dollars as
// written (no backslash added anywhere).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBlock } from "@/app/_components/markdown/markdown-block";
import { KATEX_PLUGIN } from "@/app/_components/markdown/math-katex";

const render = (source: string) =>
  renderToStaticMarkup(createElement(MarkdownBlock, { source, mathPlugin: KATEX_PLUGIN, idPrefix: "m-" }));
const mathCount = (html: string) => html.match(/class="katex"/g)?.length ?? 0;

describe("reading dollar signs", () => {
  it("reads prices as text: a $ that cannot open or close inline math", () => {
    expect(render("it costs $5 and $10 per month, or $15.")).toBe("<p>it costs $5 and $10 per month, or $15.</p>");
    expect(render("between $ 5 and 10$")).toBe("<p>between $ 5 and 10$</p>");
    // The closing `$` is followed by a digit: not math.
    expect(render("$x$5")).toBe("<p>$x$5</p>");
  });

  it("reads real inline math as math", () => {
    for (const [source, count] of [
      ["$x^2$", 1],
      ["$2x+1$", 1],
      ["$\\alpha$", 1],
      ["so $E = mc^2$, and $a$.", 2],
    ] as const) {
      expect(mathCount(render(source)), source).toBe(count);
    }
  });

  it("keeps the dollars of code, links and HTML as written", () => {
    expect(render("    echo $HOME costs $5")).toContain("<code>echo $HOME costs $5</code>");
    expect(render("1. ```sh\n   echo $HOME\n   ```\n2. Price $5 and $10")).toContain("echo $HOME");
    expect(render("1. ```sh\n   echo $HOME\n   ```\n2. Price $5 and $10")).toContain("Price $5 and $10");
    expect(render("the price is `$5 and $10`")).toContain("<code>$5 and $10</code>");
    expect(render("<https://example.com/api?$filter=a>")).toContain('href="https://example.com/api?$filter=a"');
    expect(render("see https://example.com/api?$top=5 now")).toContain('href="https://example.com/api?$top=5"');
    expect(render("<b>$5</b> and $10")).toContain("&lt;b&gt;$5&lt;/b&gt; and $10");
  });

  it("keeps display math and escaped dollars", () => {
    expect(render("$$\n\\alpha\n$$")).toContain('class="katex-display"');
    expect(mathCount(render("inline $$a + b$$ display"))).toBe(1);
    expect(render("\\$5 and \\$10")).toBe("<p>$5 and $10</p>");
    expect(render("$a\n\nb$")).toBe("<p>$a</p>\n<p>b$</p>");
  });
});

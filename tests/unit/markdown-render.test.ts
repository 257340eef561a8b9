// The Markdown pipeline is safe by construction: whatever a message says, the rendered HTML has no script, no
// event handler, no unsafe URL and no element that loads from another host before a click.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBlock } from "@/app/_components/markdown/markdown-block";
import { KATEX_PLUGIN } from "@/app/_components/markdown/math-katex";
import { HOSTILE_MARKDOWN } from "../support/markdown-samples";

function render(source: string, withMath = true, idPrefix = "message-a-"): string {
  return renderToStaticMarkup(
    createElement(MarkdownBlock, { source, mathPlugin: withMath ? KATEX_PLUGIN : null, idPrefix }),
  );
}

const ids = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? "");
const inPageTargets = (html: string) => [...html.matchAll(/\shref="#([^"]*)"/g)].map((match) => match[1] ?? "");

describe("rendering Markdown", () => {
  it("renders GFM: tables, task lists, strikethrough and autolinks", () => {
    const html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ www.example.com");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>2</td>");
    expect(html).toMatch(/<input type="checkbox" disabled="" aria-label="Done" checked=""\/>/);
    expect(html).toContain("<del>old</del>");
    expect(html).toContain('<a href="http://www.example.com" rel="noopener noreferrer nofollow" target="_blank">');
  });

  it("shows HTML as text and renders the hostile corpus without script, handlers, unsafe URLs or remote loads", () => {
    const html = render(HOSTILE_MARKDOWN);
    expect(html).toContain("&lt;script&gt;window.__pwned");
    expect(html).not.toMatch(/<(script|iframe|style|form|object|embed|img|link|meta|base)[\s>]/i);
    // In text, "<" is escaped: every "<" left opens an element the renderer made.
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/(href|src|action)="(javascript|data|vbscript):/i);
    // The only mention of the attacker's host in an attribute is a link a reader may choose to follow.
    const attributes = [...html.matchAll(/\s(\w[\w-]*)="([^"]*attacker\.example[^"]*)"/g)].map((match) => match[1]);
    expect(attributes).toEqual(["href"]);
    expect(html).toContain("Load image from attacker.example");
  });

  it("names the host an image would load from, however its address is written, before it is clicked", () => {
    const hostOf = (source: string) => render(source).match(/Load image from ([^<]+)</)?.[1];
    expect(hostOf("![a](https://attacker.example/a.png)")).toBe("attacker.example");
    // Protocol-relative: the browser loads it from the attacker, not from this site.
    expect(hostOf("![b](//attacker.example/b.png)")).toBe("attacker.example");
    expect(hostOf("![c](https://attacker.example:8443/c.png)")).toBe("attacker.example:8443");
    // A look-alike name is shown as the browser will resolve it (punycode), not as it looks.
    expect(hostOf("![d](https://аttacker.example/d.png)")).toBe("xn--ttacker-1fg.example");
    expect(hostOf("![e](/uploads/e.png)")).toBe("this site");
  });

  it("links footnotes and their back-links to ids that exist, each carrying the message's own prefix once", () => {
    const html = render("A claim[^1].\n\n[^1]: The source.");
    expect(inPageTargets(html).sort()).toEqual(["message-a-fn-1", "message-a-fnref-1"]);
    expect(ids(html).sort()).toEqual(["message-a-fn-1", "message-a-fnref-1", "message-a-footnote-label"]);
    expect(html).toContain('aria-describedby="message-a-footnote-label"');
    // Another message's footnote 1 has ids of its own.
    expect(ids(render("B[^1].\n\n[^1]: B's source.", true, "message-b-"))).not.toContain("message-a-fn-1");
  });

  it("gives no message an id of the page: a footnote named main is the message's, and so is a link to it", () => {
    const html = render("[top](#main) and a note[^main].\n\n[^main]: Named main.");
    expect(ids(html).every((id) => id.startsWith("message-a-"))).toBe(true);
    expect(inPageTargets(html).every((target) => target.startsWith("message-a-"))).toBe(true);
  });

  it("renders a remote image in a link as its placeholder alone, the link coming once the image has loaded", () => {
    const html = render("[![inner](https://example.com/i.png)](https://example.com)");
    expect(html).toContain("Load image from example.com</span></button>");
    expect(html).not.toContain("<a");
    expect(render("[![no address]()](https://example.com)")).toContain('<a href="https://example.com"');
  });

  it("breaks a line once at a hard break, and keeps the newlines of plain text", () => {
    expect(render("one  \ntwo\\\nthree")).toContain("<p>one<br/>two<br/>three</p>");
    expect(render("one\ntwo")).toContain("<p>one\ntwo</p>");
  });

  it("renders math with KaTeX and refuses its commands that link or load", () => {
    const html = render(
      "$E = mc^2$ and $\\href{https://example.com}{x}$ and $\\includegraphics{https://example.com/a.png}$",
    );
    expect(html).toContain('class="katex"');
    expect(html).toContain("<math");
    expect(html).not.toContain('href="https://example.com"');
    expect(html).not.toContain("<img");
  });

  it("reads prices as text and math as math", () => {
    const prices = render("it costs $5 and $10 per month, or $15.");
    expect(prices).toContain("<p>it costs $5 and $10 per month, or $15.</p>");
    expect(prices).not.toContain("katex");
    expect(render("$x^2$ for \\$5")).toMatch(/class="katex".*for \$5<\/p>/);
    expect(render("`$5 and $10`")).toContain("<code>$5 and $10</code>");
    expect(render("$$\n\\alpha\n$$")).toContain('class="katex-display"');
  });

  it("shows math as written until KaTeX has loaded", () => {
    expect(render("$E = mc^2$", false)).toContain("E = mc^2");
  });
});

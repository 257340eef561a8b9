// Where the keyboard focus goes when the row that holds it loses its control (a member removed, a link or a key revoked):
// focus left on an element that leaves the page falls to <body>, and a keyboard user starts over from the top.
const CONTROLS = "button, select, input, a[href]";

const controlsOf = (row: Element) => Array.from(row.querySelectorAll<HTMLElement>(CONTROLS));

/**
 * Focuses the same control (by position) in the next row of `control`'s list or table that has one, else in the
 * nearest row before it, else the heading of the list's section.
 */
export function focusNeighbourRow(control: HTMLElement): void {
  const row = control.closest("li, tr");
  if (!row) return;
  const position = controlsOf(row).indexOf(control);
  const siblings = Array.from(row.parentElement?.children ?? []);
  const index = siblings.indexOf(row);
  const candidates = [...siblings.slice(index + 1), ...siblings.slice(0, index).reverse()];
  for (const candidate of candidates) {
    const controls = controlsOf(candidate);
    const target = controls[position] ?? controls.at(-1);
    if (target) {
      target.focus();
      return;
    }
  }
  focusHeading(row.closest("section")?.querySelector("h1, h2, h3"));
}

/** A heading takes the focus (without joining the Tab order) to say where the user now is. */
function focusHeading(heading: Element | null | undefined): void {
  if (!(heading instanceof HTMLElement)) return;
  if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  heading.focus();
}

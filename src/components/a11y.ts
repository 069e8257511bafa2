// Accessibility touches for Observable Inputs: their range slider and table containers have no
// accessible name, which screen readers (and axe-core's "label" and
// "scrollable-region-focusable" rules) need.

/** Names an Inputs.range's slider after its label ("Accelerators (slider)"); returns the input. */
export function labelled<T extends HTMLElement>(input: T): T {
  const label = input.querySelector("label")?.textContent?.trim();
  if (label) {
    for (const slider of input.querySelectorAll<HTMLInputElement>("input[type=range]")) {
      if (!slider.hasAttribute("aria-label")) slider.setAttribute("aria-label", `${label} (slider)`);
    }
  }
  return input;
}

/** Makes an Inputs.table's scrolling container reachable by keyboard and names it. */
export function focusableTable<T extends HTMLElement>(table: T, name: string): T {
  table.tabIndex = 0;
  table.setAttribute("role", "region");
  table.setAttribute("aria-label", name);
  return table;
}

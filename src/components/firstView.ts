// The hand-over from a page's first view (its first chart drawn at build time and put in the HTML:
// scripts/firstViews/) to the live chart its cell draws:
//
//   <div class="first-view" data-first-view="accelerator-timeline"></div>
//   ```js
//   display(replacesFirstView("accelerator-timeline", acceleratorTimelineChart(points, {width})));
//   ```
//
// The slot is removed in the same task that shows the live chart, so the two are never on screen
// together and there is no frame without either. A live element still empty when displayed (a
// `resize(…)` container draws its chart once laid out) removes the slot when its first child comes.

/**
 * Removes the page's first view `name` once `live` shows something; returns `live` for display(),
 * marked `data-replaces-first-view="name"` (tests/browser/firstViews.test.ts compares the two).
 */
export function replacesFirstView<T extends Element>(name: string, live: T, root: ParentNode = document): T {
  live.setAttribute("data-replaces-first-view", name);
  const slot = root.querySelector(`.first-view[data-first-view="${name}"]`);
  if (slot === null) return live;
  const drawn = live.namespaceURI === "http://www.w3.org/2000/svg" || live.childNodes.length > 0;
  if (drawn) {
    slot.remove();
    return live;
  }
  const observer = new MutationObserver(() => {
    if (live.childNodes.length === 0) return;
    observer.disconnect();
    slot.remove();
  });
  observer.observe(live, {childList: true});
  return live;
}

// A chart that stays on the page across updates. Framework's resize(render) makes a new element
// (and a new ResizeObserver) on every run of its cell, so a cell that redraws on every slider move
// replaces the whole chart each time: the browser styles, lays out and paints a new subtree. A
// slot is made once; `update(data)` redraws into the chart already there, patching it in place
// (patchDom.ts: only changed attributes and text are written), at the width its ResizeObserver
// last reported, so an update never reads layout. Like resize(), it draws nothing until the
// browser has laid the slot out, and never at width 0 (a hidden slot keeps its last drawing).
import {patchChildren} from "./patchDom.js";

export interface ChartSlot<T> {
  /** The element to place on the page once. */
  readonly element: HTMLDivElement;
  /** Draws `data` at the slot's width now, or once it is known. */
  update(data: T): void;
}

export function chartSlot<T>(render: (data: T, width: number) => Node, invalidation?: Promise<unknown>): ChartSlot<T> {
  const element = document.createElement("div");
  element.style.position = "relative";
  let width = 0;
  let shown: {data: T} | null = null;
  const draw = () => {
    if (width > 0 && shown !== null) patchChildren(element, [render(shown.data, width)]);
  };
  const observer = new ResizeObserver(([entry]) => {
    const next = entry!.contentRect.width;
    if (next > 0 && next !== width) {
      width = next;
      draw();
    }
  });
  observer.observe(element);
  void invalidation?.then(() => observer.disconnect());
  return {
    element,
    update(data: T) {
      shown = {data};
      draw();
    }
  };
}

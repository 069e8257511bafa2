// A chart that stays on the page across updates. Framework's resize(render) makes a new element
// (and a new ResizeObserver) on every run of its cell, so a cell that redraws on every slider move
// replaces the whole chart each time: the browser styles, lays out and paints a new subtree. A
// slot is made once; `update(data)` describes the chart again and patches the one already there
// (virtualSvg.ts: the new description is compared with the last, and only changed attributes and
// text are written; the DOM is never read), at the width its ResizeObserver last reported, so an
// update never reads layout. Like resize(), it draws nothing until the
// browser has laid the slot out, and never at width 0 (a hidden slot keeps its last drawing).
import {svgRoot} from "./virtualSvg.js";
import type {SvgChild} from "./virtualSvg.js";

export interface ChartSlot<T> {
  /** The element to place on the page once. */
  readonly element: HTMLDivElement;
  /** Draws `data` at the slot's width now, or once it is known. */
  update(data: T): void;
}

export function chartSlot<T>(render: (data: T, width: number) => SvgChild, invalidation?: Promise<unknown>): ChartSlot<T> {
  const element = document.createElement("div");
  element.style.position = "relative";
  const root = svgRoot(element);
  let width = 0;
  let shown: {data: T} | null = null;
  const draw = () => {
    if (width > 0 && shown !== null) root.render([render(shown.data, width)]);
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

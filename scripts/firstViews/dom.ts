// A browser-like global scope for drawing the site's charts in Node (scripts/firstViews/build.ts):
// jsdom's window as `window` and `document`, so Plot, d3 and htl build their elements there as
// they do in the page. jsdom lays nothing out and has no canvas: a chart that measures text with a
// canvas falls back to its estimate (acceleratorTimelineChart's textMeasurer), and jsdom's "not
// implemented" notices for that are dropped. Any other jsdom error stops the build.
import {JSDOM, VirtualConsole} from "jsdom";

const GLOBALS = ["window", "document", "navigator", "Node", "Element", "HTMLElement", "SVGElement", "Event", "CustomEvent", "DOMParser", "getComputedStyle"] as const;

/** Installs a jsdom window as the global scope's browser objects; returns its document. */
export function installDom(): Document {
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (error: Error) => {
    if (/^Not implemented/.test(error.message)) return;
    throw error;
  });
  const dom = new JSDOM("<!doctype html><html lang=\"en\"><body></body></html>", {pretendToBeVisual: true, virtualConsole});
  const scope = globalThis as unknown as Record<string, unknown>;
  const win = dom.window as unknown as Record<string, unknown>;
  for (const name of GLOBALS) {
    const value = name === "window" ? dom.window : win[name];
    Object.defineProperty(scope, name, {value: typeof value === "function" && name === "getComputedStyle" ? (value as () => unknown).bind(dom.window) : value, configurable: true, writable: true});
  }
  return dom.window.document;
}

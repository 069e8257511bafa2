// A browser-like global scope for drawing the site's charts in Node (scripts/firstViews/build.ts):
// jsdom's window as `window` and `document`, so Plot, d3 and htl build their elements there as
// they do in the page. jsdom lays nothing out and has no canvas: a chart that measures text with a
// canvas falls back to its estimate (acceleratorTimelineChart's textMeasurer), and jsdom's "not
// implemented" notices for that are dropped. Any other jsdom error stops the build.
import {JSDOM, VirtualConsole} from "jsdom";

/** Browser globals taken from the window besides its DOM classes (every capitalised name Node lacks). */
const GLOBALS = ["window", "document", "navigator", "getComputedStyle", "requestAnimationFrame", "cancelAnimationFrame"] as const;

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
  const define = (name: string, value: unknown): void => {
    Object.defineProperty(scope, name, {value, configurable: true, writable: true});
  };
  define("window", dom.window);
  for (const name of GLOBALS.slice(1)) {
    const value = win[name];
    define(name, typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(dom.window) : value);
  }
  // HTMLElement, NodeList, DocumentFragment…: libraries test `instanceof` against them.
  for (const name of Object.getOwnPropertyNames(dom.window)) {
    if (/^[A-Z]/.test(name) && !(name in scope) && typeof win[name] === "function") define(name, win[name]);
  }
  return dom.window.document;
}

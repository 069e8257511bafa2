// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {firstViewHead, FIRST_VIEW_FILL} from "../../scripts/firstViews/head.js";
import {serializeView, viewKind} from "../../scripts/firstViews/views.js";
import type {FirstViewsByPage} from "../../scripts/firstViews/views.js";

const views: FirstViewsByPage = {
  "/hardware": [{name: "timeline", urlState: false, kind: "chart", variants: [912, 704, 311].map((width) => ({width, html: `<svg viewBox="0 0 ${width} 400" width="${width}"></svg>`}))}],
  "/prices": [{name: "prices-query", urlState: true, kind: "table", variants: [{width: 704, html: "<div class=\"sql-box\" inert=\"\"></div>"}]}]
};

/** Parses `head` and a body with the slot the way the browser does, running the fill script. */
function load(head: string, {search = ""} = {}): Document {
  window.history.replaceState(null, "", `/page${search}`);
  document.head.innerHTML = head.replace(FIRST_VIEW_FILL, "");
  new Function(FIRST_VIEW_FILL.replace(/^<script>|<\/script>$/g, ""))();
  return document;
}

describe("first views in the page head", () => {
  it("gives a page its templates, one a drawn width, and a page without views nothing", () => {
    const head = firstViewHead("/hardware", views);
    expect(head.startsWith(FIRST_VIEW_FILL)).toBe(true);
    expect(head.match(/<template data-first-view="timeline" data-width="\d+">/g)).toEqual([912, 704, 311].map((w) => `<template data-first-view="timeline" data-width="${w}">`));
    expect(firstViewHead("/memory", views)).toBe("");
  });

  it("marks a view drawn from the address, and fills its slot only when the address has no query", async () => {
    expect(firstViewHead("/prices", views)).toContain("data-url-state");
    for (const [search, filled] of [["", true], ["?q=SELECT%201", false]] as const) {
      const doc = load(firstViewHead("/prices", views), {search});
      const slot = doc.createElement("div");
      slot.className = "first-view";
      slot.dataset.firstView = "prices-query";
      doc.body.replaceChildren(slot);
      await Promise.resolve();
      expect(slot.querySelector(".sql-box") !== null).toBe(filled);
    }
  });

  it("fills the narrowest drawing at least as wide as the slot, else the widest", async () => {
    for (const [column, drawn] of [[704, "704"], [656, "704"], [912, "912"], [1072, "912"], [311, "311"], [343, "704"]] as const) {
      const doc = load(firstViewHead("/hardware", views));
      const slot = doc.createElement("div");
      slot.className = "first-view";
      slot.dataset.firstView = "timeline";
      Object.defineProperty(slot, "clientWidth", {value: column});
      doc.body.replaceChildren(slot);
      await Promise.resolve();
      expect(slot.querySelector("svg")?.getAttribute("width")).toBe(drawn);
    }
  });
});

describe("serializeView", () => {
  it("keeps a textarea's text and an input's value, makes a view with controls inert, and drops test ids", () => {
    const box = document.createElement("div");
    box.innerHTML = `<textarea data-testid="editor"></textarea><input>`;
    box.querySelector("textarea")!.value = "SELECT 1";
    box.querySelector("input")!.value = "12";
    const html = serializeView(box);
    expect(html).toBe(`<div inert=""><textarea>SELECT 1</textarea><input value="12"></div>`);
  });

  it("calls a drawing with an svg viewBox a chart, anything else a table", () => {
    const figure = document.createElement("figure");
    figure.innerHTML = `<svg viewBox="0 0 10 10"></svg>`;
    expect(viewKind(figure)).toBe("chart");
    expect(viewKind(document.createElement("table"))).toBe("table");
  });
});

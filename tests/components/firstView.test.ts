// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {replacesFirstView} from "../../src/components/firstView.js";

const page = (): HTMLElement => {
  const main = document.createElement("main");
  main.innerHTML = `<div class="first-view" data-first-view="timeline"><svg viewBox="0 0 10 10"></svg></div><div class="cell"></div>`;
  return main;
};

describe("replacesFirstView", () => {
  it("removes the first view at once when the live chart is already drawn, and marks the chart", () => {
    const main = page();
    const chart = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    expect(replacesFirstView("timeline", chart, main)).toBe(chart);
    expect(main.querySelector(".first-view")).toBeNull();
    expect(chart.getAttribute("data-replaces-first-view")).toBe("timeline");
  });

  it("keeps the first view until an empty container (resize) gets its chart", async () => {
    const main = page();
    const container = document.createElement("div");
    replacesFirstView("timeline", container, main);
    expect(main.querySelector(".first-view")).not.toBeNull();
    container.append(document.createElement("figure"));
    await Promise.resolve(); // MutationObserver callbacks run as microtasks
    expect(main.querySelector(".first-view")).toBeNull();
  });

  it("leaves other first views alone, and does nothing on a page without one", () => {
    const main = page();
    const chart = document.createElement("figure");
    chart.append(document.createElement("svg"));
    replacesFirstView("another", chart, main);
    expect(main.querySelector('.first-view[data-first-view="timeline"]')).not.toBeNull();
  });
});

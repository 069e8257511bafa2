// The site's accessibility patch (observablehq.config.ts A11Y_PATCH) on the calculator: every
// Inputs range slider is named by its form's label, and scrollable Inputs tables and code blocks
// take keyboard focus, for markup present at load and for markup that cells add later. The patch
// looks only inside the nodes each mutation batch adds (issue 14: two whole-document queries per
// slider move before), so later markup is tried here in each shape it can arrive in: a whole
// form, a slider put into a form already on the page, a code block inside a new container, and a
// large batch (the page-load path).
import {describe, expect, it} from "vitest";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const home = usePage("/");

describe("home: the accessibility patch names sliders and makes scrollers focusable", () => {
  it("every range slider on the page is named by its form's label (the calculator's own `labelled` sliders add \"(slider)\")", async () => {
    const {page, problems} = await home.open();
    const ranges = await page.locator("#observablehq-main form input[type=range]").evaluateAll((inputs) =>
      inputs.map((i) => ({aria: i.getAttribute("aria-label"), label: (i as HTMLInputElement).form?.querySelector("label")?.textContent?.trim() ?? null}))
    );
    expect(ranges.length).toBeGreaterThanOrEqual(5);
    for (const r of ranges) {
      expect(r.label).toBeTruthy();
      expect([r.label, `${r.label} (slider)`]).toContain(r.aria);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("patches markup added after load, in each shape, and leaves a slider's own aria-label alone", async () => {
    const {page, problems} = await home.open();
    const found = await page.evaluate(async () => {
      const main = document.getElementById("observablehq-main")!;
      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
      // 1. A whole new form with a label and a slider (a cell rendering a new input).
      const form = document.createElement("form");
      form.innerHTML = "<label>Added slider</label><div><input type=range></div>";
      main.append(form);
      // 2. A slider put into a form already on the page, alone.
      const existing = document.createElement("form");
      existing.innerHTML = "<label>Existing form</label>";
      main.append(existing);
      await tick();
      const late = document.createElement("input");
      late.type = "range";
      existing.append(late);
      // 3. One that names itself: left as it is.
      const own = document.createElement("form");
      own.innerHTML = "<label>Form label</label><input type=range aria-label='Own name'>";
      main.append(own);
      // 4. A code block inside a new container, and an Inputs table form.
      const pre = document.createElement("div");
      pre.className = "observablehq-pre-container";
      pre.innerHTML = "<pre>code</pre>";
      main.append(pre);
      const table = document.createElement("form");
      table.className = "inputs-3a86ea-table";
      main.append(table);
      await tick();
      // 5. A batch of more than 64 added nodes at once, with a slider among them.
      const many = document.createElement("div");
      for (let i = 0; i < 80; i++) many.append(document.createElement("span"));
      const bulk = document.createElement("form");
      bulk.innerHTML = "<label>Bulk slider</label><input type=range>";
      main.append(...Array.from(many.childNodes), bulk);
      await tick();
      return {
        added: form.querySelector("input")!.getAttribute("aria-label"),
        late: late.getAttribute("aria-label"),
        own: own.querySelector("input")!.getAttribute("aria-label"),
        pre: pre.querySelector("pre")!.getAttribute("tabindex"),
        table: table.getAttribute("tabindex"),
        bulk: bulk.querySelector("input")!.getAttribute("aria-label")
      };
    });
    expect(found).toEqual({added: "Added slider", late: "Existing form", own: "Own name", pre: "0", table: "0", bulk: "Bulk slider"});
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

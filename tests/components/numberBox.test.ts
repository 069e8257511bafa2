// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {guardNumberBox, numberBoxProblem} from "../../src/components/numberBox.js";

describe("number boxes refuse what their slider cannot take", () => {
  it("numberBoxProblem refuses -5, 0 and 1e309 on [1, 32768] and accepts 256", () => {
    expect(numberBoxProblem("-5", 1, 32768)).toMatch(/outside 1 to 32,768/);
    expect(numberBoxProblem("0", 1, 32768)).toMatch(/outside/);
    expect(numberBoxProblem("1e309", 1, 32768)).toMatch(/not a number/);
    expect(numberBoxProblem("", 1, 32768)).toMatch(/not a number/);
    expect(numberBoxProblem("256", 1, 32768)).toBeNull();
  });

  it("marks the box invalid while it holds a refused value and puts the page's value back on change", () => {
    const form = Object.assign(document.createElement("form"), {value: 256});
    const box = document.createElement("input");
    box.type = "number";
    form.append(box);
    guardNumberBox(form, 1, 32768);
    box.value = "-5";
    box.dispatchEvent(new Event("input"));
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(box.title).toMatch(/outside/);
    box.dispatchEvent(new Event("change"));
    expect(box.value).toBe("256");
    expect(box.getAttribute("aria-invalid")).toBe("false");
  });
});

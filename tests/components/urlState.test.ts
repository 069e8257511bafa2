// @vitest-environment jsdom
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {noticeElement, urlState} from "../../src/components/urlState.js";
import type {AddressBar, InputsLike} from "../../src/components/urlState.js";

function fakeAddress(search: string): AddressBar & {writes: string[]} {
  const writes: string[] = [];
  const address = {
    writes,
    location: {pathname: "/prices", search, hash: "#top"},
    history: {
      state: null,
      replaceState(_data: unknown, _unused: string, url?: string) {
        writes.push(url ?? "");
        const u = new URL(url ?? "", "http://x");
        address.location.search = u.search;
      }
    }
  };
  return address;
}

/** Minimal Inputs: a form whose value is the option passed in, like Observable Inputs. */
const fakeInputs: InputsLike & {calls: unknown[][]} = {
  calls: [],
  range(extent, options) {
    fakeInputs.calls.push(["range", extent, options]);
    return Object.assign(document.createElement("form"), {value: options?.value});
  },
  select(data, options) {
    fakeInputs.calls.push(["select", data, options]);
    return Object.assign(document.createElement("form"), {value: options?.value});
  },
  toggle(options) {
    fakeInputs.calls.push(["toggle", options]);
    return Object.assign(document.createElement("form"), {value: options?.value});
  }
};

const specs = {
  gpus: {kind: "number", min: 1, max: 32768, step: 1, default: 1024},
  precision: {kind: "enum", values: ["bf16", "fp8"], default: "bf16"},
  spot: {kind: "boolean", default: false}
} as const;

beforeEach(() => {
  vi.useFakeTimers();
  fakeInputs.calls.length = 0;
});
afterEach(() => vi.useRealTimers());

describe("noticeElement", () => {
  it("is hidden with no messages", () => {
    expect(noticeElement([]).hidden).toBe(true);
  });

  it("shows hostile text as text, never as markup", () => {
    const box = noticeElement(["“\"><img src=x onerror=alert(1)>” is not a number"]);
    expect(box.hidden).toBe(false);
    expect(box.getAttribute("role")).toBe("status");
    expect(box.querySelector("img")).toBeNull();
    expect(box.querySelector("li")?.textContent).toContain("<img src=x onerror=alert(1)>");
    box.querySelector("button")!.click();
    expect(box.hidden).toBe(true);
  });
});

describe("urlState", () => {
  it("builds Inputs with the parsed values and clamps what the address asked for", () => {
    const address = fakeAddress("?gpus=99999&precision=fp8");
    const url = urlState(specs, {address});
    expect(url.values).toEqual({gpus: 32768, precision: "fp8", spot: false});
    expect(url.notice.hidden).toBe(false);
    url.range(fakeInputs, "gpus", {label: "GPUs"});
    url.select(fakeInputs, "precision", {label: "Precision"});
    url.toggle(fakeInputs, "spot", {label: "Spot"});
    expect(fakeInputs.calls).toEqual([
      ["range", [1, 32768], {step: 1, label: "GPUs", value: 32768}],
      ["select", ["bf16", "fp8"], {label: "Precision", value: "fp8"}],
      ["toggle", {label: "Spot", value: false}]
    ]);
  });

  it("follows input events into the address, debounced, keeping the hash and other keys", () => {
    const address = fakeAddress("?keep=1");
    const url = urlState(specs, {address, ignore: ["keep"]});
    const input = url.range(fakeInputs, "gpus") as HTMLElement & {value: number};
    for (const v of [10, 20, 30]) {
      input.value = v;
      input.dispatchEvent(new Event("input"));
    }
    expect(address.writes).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(address.writes).toEqual(["/prices?keep=1&gpus=30#top"]);
    expect(url.values.gpus).toBe(30);
  });

  it("takes a refused or clamped value out of the address at once, keeping other keys, and leaves a clean address alone", () => {
    const address = fakeAddress("?keep=1&gpus=99999&precision=fp4");
    const url = urlState(specs, {address, ignore: ["keep"]});
    expect(url.messages.length).toBe(2);
    vi.advanceTimersByTime(300);
    expect(address.writes).toEqual(["/prices?keep=1&gpus=32768#top"]);
    const clean = fakeAddress("?gpus=512");
    urlState(specs, {address: clean});
    vi.advanceTimersByTime(300);
    expect(clean.writes).toEqual([]);
  });

  it("never writes a bad value: NaN is dropped, out-of-range is clamped, unknown enum refused", () => {
    const address = fakeAddress("");
    const url = urlState(specs, {address});
    url.set("gpus", Number.NaN);
    url.set("precision", "<script>");
    url.flush();
    expect(address.writes).toEqual([]);
    url.set("gpus", 1e9);
    url.flush();
    expect(address.writes).toEqual(["/prices?gpus=32768#top"]);
  });

  it("removes a parameter that returns to its default", () => {
    const address = fakeAddress("?gpus=8");
    const url = urlState(specs, {address});
    url.set("gpus", 1024);
    url.flush();
    expect(address.writes).toEqual(["/prices#top"]);
  });

  it("refuses to build a range for a non-number parameter", () => {
    const url = urlState(specs, {address: fakeAddress("")});
    expect(() => url.range(fakeInputs, "precision")).toThrow(TypeError);
  });
});

describe("urlState notices name settings the way their controls do", () => {
  const layout = {
    tp: {kind: "enum", values: ["1", "2", "4", "8"], default: "8"},
    mb: {kind: "number", min: 1, max: 32, step: 1, default: 1}
  } as const;

  it("uses the key until a control is built, then the control's label with the key in brackets", () => {
    const url = urlState(layout, {address: fakeAddress("?tp=3&mb=abc&mb=2")});
    expect(url.messages[0]).toMatch(/^“tp” must be one of/);
    url.select(fakeInputs, "tp", {label: "Tensor parallel"});
    url.range(fakeInputs, "mb", {label: "Micro-batch"});
    expect(url.messages).toEqual([
      "Tensor parallel (“tp” in the address) must be one of “1”, “2”, “4”, “8”; “3” is not. Using “8”.",
      "Micro-batch (“mb” in the address) must be a number from 1 to 32; “abc” is not one. Using 1.",
      "Micro-batch (“mb” in the address) appeared 2 times; only the first was used."
    ]);
    const items = Array.from(url.notice.querySelectorAll("li"), (li) => li.textContent);
    expect(items).toEqual(url.messages);
    expect(url.notice.textContent).not.toMatch(/^“tp”|\s“mb” must/);
  });

  it("falls back to a choice as its select shows it, with the address's id in brackets (not the id alone)", () => {
    const url = urlState({model: {kind: "id", ids: ["llama3.1-70b", "gpt3-175b"], default: "llama3.1-70b"}}, {address: fakeAddress("?model=zzz")});
    expect(url.messages[0]).toMatch(/Using “llama3\.1-70b”\.$/);
    url.select(fakeInputs, "model", {label: "Model", format: (id: string) => ({"llama3.1-70b": "Llama 3.1 70B", "gpt3-175b": "GPT-3 175B"})[id]});
    expect(url.messages).toEqual(["Model (“model” in the address) must be one of “llama3.1-70b”, “gpt3-175b”; “zzz” is not. Using Llama 3.1 70B (“llama3.1-70b”)."]);
    expect(url.notice.querySelector("li")?.textContent).toBe(url.messages[0]);
  });

  it("names a directly bound control by its own <label>", () => {
    const url = urlState({q: {kind: "text", maxLength: 5, default: "x"}}, {address: fakeAddress("?q=toolong")});
    const form = document.createElement("form");
    form.innerHTML = "<label>SQL</label><textarea></textarea>";
    url.bind("q", form);
    expect(url.messages[0]).toMatch(/^SQL \(“q” in the address\) is 7 characters long/);
  });

  it("keeps the key where a control has no text label", () => {
    const url = urlState(layout, {address: fakeAddress("?mb=0")});
    url.range(fakeInputs, "mb", {label: document.createElement("span")});
    expect(url.messages[0]).toMatch(/^“mb” must be from 1 to 32/);
  });
});

// Typed URL state for pages, the DOM half. A page declares its parameters once; it gets the
// initial values parsed from the address (bad values clamped or refused, see urlParams.ts), a
// notice element that says what was wrong, Observable Inputs built with those initial values,
// and an address that follows the inputs (history.replaceState, debounced; no reload).
//
//   const url = urlState({
//     gpus: {kind: "number", min: 1, max: 32768, step: 1, default: 1024},
//     precision: {kind: "enum", values: ["bf16", "fp8"], default: "bf16"}
//   });
//   display(url.notice);
//   const gpus = view(url.range(Inputs, "gpus", {label: "GPUs", transform: Math.log}));
//   const precision = view(url.select(Inputs, "precision", {label: "Precision"}));
//
// Everything shown to the reader is built from text nodes: user input never reaches innerHTML.
import {guardNumberBox} from "./numberBox.js";
import {coerce, parseParams, serializeParams, snapNumber} from "./urlParams.js";
import type {ParamSpecs, ParamValues} from "./urlParams.js";

export * from "./urlParams.js";

/** The slice of Observable Inputs the helpers use; pages pass the built-in `Inputs`. */
export interface InputsLike {
  range(extent: [number, number], options?: Record<string, unknown>): HTMLElement;
  select(data: readonly string[], options?: Record<string, unknown>): HTMLElement;
  toggle(options?: Record<string, unknown>): HTMLElement;
}

/** Where the state reads and writes the address; tests pass fakes. */
export interface AddressBar {
  location: {pathname: string; search: string; hash: string};
  history: {state: unknown; replaceState(data: unknown, unused: string, url?: string): void};
}

export interface UrlStateOptions {
  /** Milliseconds of quiet before the address is rewritten (slider drags fire many events). */
  debounceMs?: number;
  /** Keys another component on the page owns: not read, not reported, kept as they are. */
  ignore?: readonly string[];
  address?: AddressBar;
}

export interface UrlState<S extends ParamSpecs> {
  /** Current values: the parsed address at first, then whatever the inputs set. */
  readonly values: ParamValues<S>;
  /** What was wrong with the address, one sentence each. */
  readonly messages: readonly string[];
  /** A `role="status"` element listing the messages; hidden when there are none. */
  readonly notice: HTMLElement;
  /** Sets one value (coerced to its declaration, so the address never holds a bad value). */
  set<K extends keyof S & string>(key: K, value: unknown): void;
  /** Follows an input's "input" events into the address; returns the input. */
  bind<K extends keyof S & string, E extends HTMLElement>(key: K, input: E): E;
  /** Inputs.range over the declared [min, max] and step, starting at the parsed value, bound. */
  range<K extends keyof S & string>(inputs: InputsLike, key: K, options?: Record<string, unknown>): HTMLElement;
  /** Inputs.select over the declared values or ids, starting at the parsed value, bound. */
  select<K extends keyof S & string>(inputs: InputsLike, key: K, options?: Record<string, unknown>): HTMLElement;
  /** Inputs.toggle for a boolean, starting at the parsed value, bound. */
  toggle<K extends keyof S & string>(inputs: InputsLike, key: K, options?: Record<string, unknown>): HTMLElement;
  /** Writes any pending change to the address now. */
  flush(): void;
}

/** Replaces the notice's list items with `messages`, as text nodes. */
function fillNoticeList(list: HTMLUListElement, messages: readonly string[]): void {
  list.replaceChildren(
    ...messages.map((message) => {
      const item = list.ownerDocument.createElement("li");
      item.textContent = message;
      return item;
    })
  );
}

/** Builds the notice: a short heading and one list item per message, all text nodes. */
export function noticeElement(messages: readonly string[], doc: Document = document): HTMLElement {
  const box = doc.createElement("div");
  box.className = "url-notice";
  box.setAttribute("role", "status");
  box.dataset.testid = "url-notice";
  if (messages.length === 0) {
    box.hidden = true;
    return box;
  }
  const heading = doc.createElement("p");
  const strong = doc.createElement("strong");
  strong.textContent = "Some settings in this page’s address could not be used as given.";
  heading.append(strong);
  const list = doc.createElement("ul");
  fillNoticeList(list, messages);
  const dismiss = doc.createElement("button");
  dismiss.type = "button";
  dismiss.textContent = "Dismiss";
  dismiss.addEventListener("click", () => {
    box.hidden = true;
  });
  box.append(heading, list, dismiss);
  return box;
}

/**
 * Where the page's declared parameter sets are kept: on the window, under a registered symbol, not
 * in this module alone. A page loads this module inside its bundle (scripts/bundlePages.ts), and a
 * page may hold more than one copy; the state sweep (tests/browser/sweep.test.ts) reads every
 * declaration here, whichever copy made it. Before, it imported this module by its own URL, which
 * no bundled page requests: it found no parameters and swept no state on those pages.
 */
export const DECLARED_PARAMS_KEY = "llm-training-cost-atlas/urlState.declared";

const declared: ParamSpecs[] = (() => {
  const registry = globalThis as unknown as Record<symbol, ParamSpecs[] | undefined>;
  const key = Symbol.for(DECLARED_PARAMS_KEY);
  return (registry[key] ??= []);
})();

/**
 * The parameters declared on this page so far. The state sweep (tests/browser/sweep.test.ts)
 * reads them (through DECLARED_PARAMS_KEY) and builds random valid addresses from them, so a
 * page's parameters are written once, in the page.
 */
export function declaredParams(): readonly ParamSpecs[] {
  return declared;
}

function browserAddress(): AddressBar {
  return {location: window.location, history: window.history};
}

export function urlState<S extends ParamSpecs>(specs: S, options: UrlStateOptions = {}): UrlState<S> {
  const {debounceMs = 250, ignore = []} = options;
  const address = options.address ?? browserAddress();
  const initialSearch = address.location.search;
  const parsed = parseParams(specs, initialSearch, {ignore});
  declared.push(specs);
  const values = parsed.values;
  // Labels of the controls built so far: the notice names a setting the way its control does
  // ("Tensor parallel", not "tp"), so it is rewritten as each labelled control is created.
  const names: Record<string, string> = {};
  // How each select shows its choices: a refused id falls back to "Llama 3.1 70B (“llama3.1-70b”)", not the id alone.
  const formats: Record<string, (value: string) => unknown> = {};
  let messages: readonly string[] = parsed.messages;
  const reword = (): void => {
    messages = parseParams(specs, initialSearch, {ignore, names, formats}).messages;
    const list = state.notice.querySelector("ul");
    if (list) fillNoticeList(list, messages);
  };
  const learnLabel = (key: string, label: unknown): void => {
    if (typeof label !== "string" || !label.trim() || names[key] === label || messages.length === 0) return;
    names[key] = label;
    reword();
  };
  const learnFormat = (key: string, format: unknown): void => {
    if (typeof format !== "function" || formats[key] === format || messages.length === 0) return;
    formats[key] = format as (value: string) => unknown;
    reword();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (): void => {
    timer = undefined;
    const {pathname, search, hash} = address.location;
    const next = serializeParams(specs, values, search);
    if (next === search || (next === "" && search === "?")) return;
    address.history.replaceState(address.history.state, "", `${pathname}${next}${hash}`);
  };

  const state: UrlState<S> = {
    values,
    get messages() {
      return messages;
    },
    notice: noticeElement(parsed.messages),
    set(key, value) {
      const spec = specs[key];
      if (spec === undefined) return;
      let next: unknown;
      if (spec.kind === "number") {
        if (typeof value !== "number" || Number.isNaN(value)) return;
        next = snapNumber(spec, value);
      } else if (spec.kind === "boolean") {
        next = Boolean(value);
      } else {
        const result = coerce(key, spec, String(value));
        if (!result.ok) return;
        next = result.value;
      }
      (values as Record<string, unknown>)[key] = next;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(write, debounceMs);
    },
    bind(key, input) {
      // A control bound directly (Inputs.textarea, a custom form) is named by its own <label>.
      learnLabel(key, input.querySelector("label")?.textContent);
      // Names the control's parameter, so the state sweep (tests/browser/sweep.test.ts) can set it in place.
      input.dataset.urlKey = key;
      input.addEventListener("input", () => state.set(key, (input as unknown as {value: unknown}).value));
      return input;
    },
    range(inputs, key, rest = {}) {
      const spec = specs[key];
      if (spec?.kind !== "number") throw new TypeError(`urlState.range: "${key}" is not a number parameter`);
      learnLabel(key, rest.label);
      const form = state.bind(key, inputs.range([spec.min, spec.max], {step: spec.step, ...rest, value: values[key]}));
      guardNumberBox(form, spec.min, spec.max);
      return form;
    },
    select(inputs, key, rest = {}) {
      const spec = specs[key];
      if (spec?.kind !== "enum" && spec?.kind !== "id") throw new TypeError(`urlState.select: "${key}" is not an enum or id parameter`);
      const data = spec.kind === "enum" ? spec.values : spec.ids;
      learnLabel(key, rest.label);
      learnFormat(key, (rest as {format?: unknown}).format);
      return state.bind(key, inputs.select(data, {...rest, value: values[key]}));
    },
    toggle(inputs, key, rest = {}) {
      const spec = specs[key];
      if (spec?.kind !== "boolean") throw new TypeError(`urlState.toggle: "${key}" is not a boolean parameter`);
      learnLabel(key, rest.label);
      return state.bind(key, inputs.toggle({...rest, value: values[key]}));
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      write();
    }
  };
  // A value the parser refused or clamped leaves the address at once (the notice says what
  // changed), so a reload or a shared link shows what the page shows.
  if (parsed.messages.length > 0) timer = setTimeout(write, debounceMs);
  return state;
}

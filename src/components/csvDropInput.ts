// A CSV input for a page: paste into the box, drop a file on it, or choose one. Its value is
// {text, file} (file: the dropped or chosen file's name, or "pasted text") and it fires "input"
// like any Observable input, so a page can `view()` it.

export interface CsvSource {
  text: string;
  /** Name shown in messages (`file:line:column`). */
  file: string;
}

export interface CsvDropInput extends HTMLElement {
  value: CsvSource;
  /** Puts `text` in the box as if the reader had dropped a file named `file`. */
  load(text: string, file: string): void;
}

/** Files larger than this are refused before reading (a calibration needs tens of rows, not megabytes). */
export const MAX_CSV_BYTES = 2_000_000;

/**
 * `id` names the text box (its label points at it); give one where the input is also drawn at
 * build time (a first view), so that builds stay byte-identical. Else a random one.
 */
export function csvDropInput({label, placeholder = "", rows = 8, id = `csv-drop-${Math.random().toString(36).slice(2, 8)}`}: {label: string; placeholder?: string; rows?: number; id?: string}): CsvDropInput {
  const box = document.createElement("div") as unknown as CsvDropInput;
  box.className = "csv-drop";
  box.dataset.testid = "csv-drop";
  const heading = document.createElement("label");
  heading.htmlFor = id;
  heading.textContent = label;
  const area = document.createElement("textarea");
  area.id = id;
  area.rows = rows;
  area.placeholder = placeholder;
  area.spellcheck = false;
  area.wrap = "off";
  const picker = document.createElement("input");
  picker.type = "file";
  picker.accept = ".csv,text/csv,text/plain";
  picker.setAttribute("aria-label", `${label}: choose a CSV file`);
  const status = document.createElement("p");
  status.className = "small muted";
  status.setAttribute("role", "status");
  box.append(heading, area, picker, status);

  let value: CsvSource = {text: "", file: "pasted text"};
  const emit = (): void => void box.dispatchEvent(new Event("input", {bubbles: true}));
  Object.defineProperty(box, "value", {get: () => value, set: (v: CsvSource) => ((value = v), (area.value = v.text))});
  box.load = (text: string, file: string): void => {
    value = {text, file};
    area.value = text;
    status.textContent = "";
    emit();
  };
  const readFile = (file: File | undefined): void => {
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      status.textContent = `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a calibration file is at most ${MAX_CSV_BYTES / 1e6} MB. Nothing was changed.`;
      return;
    }
    file.text().then((text) => box.load(text, file.name), () => (status.textContent = `${file.name} could not be read. Nothing was changed.`));
  };
  area.addEventListener("input", (event) => {
    event.stopPropagation();
    value = {text: area.value, file: "pasted text"};
    status.textContent = "";
    emit();
  });
  picker.addEventListener("input", (event) => event.stopPropagation());
  picker.addEventListener("change", () => readFile(picker.files?.[0]));
  box.addEventListener("dragover", (event) => {
    event.preventDefault();
    box.classList.add("dragging");
  });
  box.addEventListener("dragleave", () => box.classList.remove("dragging"));
  box.addEventListener("drop", (event) => {
    event.preventDefault();
    box.classList.remove("dragging");
    readFile(event.dataTransfer?.files[0]);
  });
  return box;
}

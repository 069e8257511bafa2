// Inputs.range keeps its last value when its number box holds something outside [min, max] (or
// no number at all) and says nothing, so the results silently disagree with the box. This refuses
// such a value visibly, as the address parser does: the box is marked invalid with the reason
// (the browser shows it, screen readers read it), and on leaving the box it returns to the value
// the page is using.

/** The reason a typed value is refused, or null when the range accepts it. */
export function numberBoxProblem(raw: string, min: number, max: number): string | null {
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  const bounds = `${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`;
  if (!Number.isFinite(value)) return `“${raw}” is not a number: enter one from ${bounds}`;
  if (value < min || value > max) return `${raw} is outside ${bounds}: the results keep the last value`;
  return null;
}

/** Guards the number box of an Inputs.range form over [min, max]. */
export function guardNumberBox(form: HTMLElement, min: number, max: number): void {
  const box = form.querySelector?.("input[type=number]") as HTMLInputElement | null;
  if (!box) return;
  const check = (): string | null => {
    const problem = numberBoxProblem(box.value, min, max);
    box.setCustomValidity(problem ?? "");
    box.setAttribute("aria-invalid", problem ? "true" : "false");
    box.title = problem ?? "";
    return problem;
  };
  box.addEventListener("input", () => {
    if (check()) box.reportValidity();
  });
  box.addEventListener("change", () => {
    if (check() === null) return;
    box.reportValidity();
    // back to the value the page uses, once the reader has seen why
    box.value = String((form as unknown as {value: unknown}).value);
    check();
  });
}

import { el } from "../shared/dom";

/**
 * Writes a whole number as digit groups in separate spans: the screen shows "2 700 000" (CSS puts the
 * gap), while the element's text stays "2700000" for tests and screen readers that read the number.
 * A value that cannot be shown (not yet known) is an em dash.
 */
export function renderGroupedNumber(element: HTMLElement, value: number): void {
  const text = Number.isFinite(value) ? String(Math.round(value)) : "—";
  if (element.dataset.value === text) return;
  element.dataset.value = text;
  if (!/^-?\d+$/.test(text)) {
    element.textContent = text;
    return;
  }
  const sign = text.startsWith("-") ? "-" : "";
  const digits = sign ? text.slice(1) : text;
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  element.replaceChildren(...groups.map((group, i) => el("span", { className: i === 0 ? "digits" : "digits digits-group", text: i === 0 ? sign + group : group })));
}

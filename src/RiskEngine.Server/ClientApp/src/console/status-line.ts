import { setClass, setText } from "../shared/dom";

// Long enough to read, short enough that an old result is not taken for a new one.
const visibleMs = 10_000;

/** The console's one-line status (role="status"): the outcome of the last action. */
export class StatusLine {
  private timer: number | undefined;

  constructor(private readonly element: HTMLElement) {}

  say(text: string, kind: "ok" | "error"): void {
    window.clearTimeout(this.timer);
    setClass(this.element, `console-message ${kind}`);
    setText(this.element, text);
    this.element.hidden = false;
    this.timer = window.setTimeout(() => {
      this.element.hidden = true;
    }, visibleMs);
  }
}

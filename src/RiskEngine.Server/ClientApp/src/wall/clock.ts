import { formatClockDate, formatTime } from "../shared/format";

/** The header clock, in Beijing time, ticking once a second. */
export function startClock(date: HTMLElement, time: HTMLElement): void {
  const tick = (): void => {
    const now = new Date();
    date.textContent = formatClockDate(now);
    time.textContent = formatTime(now);
  };
  tick();
  window.setInterval(tick, 1000);
}

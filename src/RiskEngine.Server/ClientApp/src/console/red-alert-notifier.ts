import type { AlertView } from "../shared/contract";
import { districtName } from "../shared/districts";
import { onLanguageChange, pick, t } from "../shared/i18n";

// An alert opened longer ago than this is one the page is catching up on (a reconnect), not news.
const freshForMs = 120_000;

/**
 * Makes a new red alert of my jurisdiction noticed without watching the screen: a short tone, a count in the tab's
 * title until the page is looked at again, and, once the officer has opted in, a desktop notification while the
 * page is hidden. Each alert is announced once per page; the count holds ids, only of unseen red alerts.
 */
export class RedAlertNotifier {
  private readonly announced = new Set<string>();
  private unseen = 0;
  private audio: AudioContext | null = null;

  constructor(private readonly jurisdiction: readonly string[], private readonly optInButton: HTMLButtonElement) {
    // Browsers let a page play sound only after a gesture: the first click or key unlocks it.
    const unlock = (): void => {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    };
    document.addEventListener("pointerdown", unlock, { once: true });
    document.addEventListener("keydown", unlock, { once: true });
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) this.markSeen();
    });
    window.addEventListener("focus", () => this.markSeen());
    onLanguageChange(() => this.renderTitle());
    this.optInButton.hidden = !("Notification" in window) || Notification.permission === "granted";
    this.optInButton.addEventListener("click", () => void this.optIn());
  }

  /** Every alert event of the hub: only a red one, open, mine and just opened, is announced. */
  observe(alert: AlertView): void {
    if (alert.level !== "red" || alert.state !== "open" || this.announced.has(alert.id)) return;
    if (this.jurisdiction.length > 0 && !this.jurisdiction.includes(alert.district)) return;
    if (Date.now() - Date.parse(alert.openedAt) > freshForMs) return;
    this.announced.add(alert.id);
    document.body.dataset["announcedRed"] = String(this.announced.size);
    this.beep();
    if (document.hidden || !document.hasFocus()) {
      this.unseen++;
      this.renderTitle();
    }
    this.notify(alert);
  }

  private async optIn(): Promise<void> {
    const permission = await Notification.requestPermission();
    this.optInButton.hidden = permission === "granted";
  }

  private notify(alert: AlertView): void {
    if (!("Notification" in window) || Notification.permission !== "granted" || !document.hidden) return;
    const body = `${alert.subjectName ?? alert.subjectId} · ${districtName(alert.district)}`;
    new Notification(`${t("console.notify.redAlert")}: ${pick(alert.ruleZh, alert.ruleEn)}`, { body, tag: alert.id });
  }

  private beep(): void {
    if (!this.audio || this.audio.state !== "running") return;
    const oscillator = this.audio.createOscillator();
    const gain = this.audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, this.audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, this.audio.currentTime + 0.6);
    oscillator.connect(gain).connect(this.audio.destination);
    oscillator.start();
    oscillator.stop(this.audio.currentTime + 0.6);
  }

  private markSeen(): void {
    if (this.unseen === 0) return;
    this.unseen = 0;
    this.renderTitle();
  }

  private renderTitle(): void {
    const base = t("console.pageTitle");
    document.title = this.unseen > 0 ? `(${this.unseen}) ${t("console.notify.redAlert")} · ${base}` : base;
    document.body.dataset["unseenRed"] = String(this.unseen);
  }
}

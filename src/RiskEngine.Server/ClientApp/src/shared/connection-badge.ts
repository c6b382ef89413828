import type { ConnectionState } from "./hub";
import { onLanguageChange, t } from "./i18n";
import { setData, setText } from "./dom";

const labels = {
  connected: "connection.connected",
  reconnecting: "connection.reconnecting",
  disconnected: "connection.disconnected",
} as const;

/** The 实时 / 重连中 / 已断开 badge; `data-state` carries the machine-readable state. */
export class ConnectionBadge {
  private state: ConnectionState = "disconnected";

  constructor(private readonly element: HTMLElement) {
    onLanguageChange(() => this.render());
    this.render();
  }

  set(state: ConnectionState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    setData(this.element, "state", this.state);
    setText(this.element, t(labels[this.state]));
  }
}

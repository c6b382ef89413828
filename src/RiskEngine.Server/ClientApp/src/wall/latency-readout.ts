import { setText } from "../shared/dom";
import { formatLatency } from "../shared/format";

// Above this the readout turns orange: the wall promises signal -> screen within 1 s at p99.
const slowMs = 1000;

/**
 * Signal -> screen latency: now minus the newest ingest time a delta reflects, measured when the
 * delta arrives. Only a delta whose maxIngestedAt moved counts: a frame sent for another reason
 * (say, the alert count changed) would otherwise read as the age of the last signal. It compares
 * this PC's clock with the server's, so it is only as right as the two clocks agree.
 */
export class LatencyReadout {
  private lastIngestedAt = 0;

  constructor(private readonly element: HTMLElement) {}

  observe(maxIngestedAt: string | null): void {
    if (!maxIngestedAt) return;
    const ingested = Date.parse(maxIngestedAt);
    if (!Number.isFinite(ingested) || ingested <= this.lastIngestedAt) return;
    this.lastIngestedAt = ingested;
    const latency = Math.max(0, Date.now() - ingested);
    setText(this.element, formatLatency(latency));
    this.element.classList.toggle("slow", latency > slowMs);
  }
}

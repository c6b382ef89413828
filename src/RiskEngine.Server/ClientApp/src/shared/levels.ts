import type { Level, LevelCounts } from "./contract";
import type { MessageKey } from "./dictionary";

/** Least to most severe, the order every list and legend uses. */
export const levels: readonly Level[] = ["blue", "yellow", "orange", "red"];

// The four regulator colours (蓝/黄/橙/红); CSS uses the same values as custom properties.
export const levelColors: Readonly<Record<Level, string>> = {
  blue: "#2f7df6",
  yellow: "#f5c400",
  orange: "#ff8a00",
  red: "#ff3b3b",
};

export function levelRank(level: Level): number {
  return levels.indexOf(level);
}

export function levelKey(level: Level): MessageKey {
  return `level.${level}`;
}

export function levelShortKey(level: Level): MessageKey {
  return `level.short.${level}`;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (levels as readonly string[]).includes(value);
}

export function emptyCounts(): LevelCounts {
  return { blue: 0, yellow: 0, orange: 0, red: 0 };
}

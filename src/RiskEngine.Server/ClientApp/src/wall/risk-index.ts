import type { LevelCounts } from "../shared/contract";

/**
 * The wall's district colour: (1·yellow + 3·orange + 9·red) per 1,000 subjects. Weights triple per
 * level, so one red subject weighs as much as nine yellow ones, and big districts are not red just
 * for being big.
 */
export function riskIndex(counts: LevelCounts, total: number): number {
  if (total <= 0) return 0;
  return (1000 * (counts.yellow + 3 * counts.orange + 9 * counts.red)) / total;
}

const steps = [50, 100, 200, 500, 1000, 2000, 5000, 9000];

/**
 * The top of the colour scale: the next round number above the highest district, so the scale
 * changes rarely and is readable on the legend. The floor of 50 keeps a calm city blue instead of
 * stretching tiny differences to red; 9000 is the ceiling (every subject red).
 */
export function colourScaleMax(highestIndex: number): number {
  return steps.find((step) => step >= highestIndex) ?? 9000;
}

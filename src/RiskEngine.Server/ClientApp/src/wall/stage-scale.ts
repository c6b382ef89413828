// The wall is laid out once, for 1920x1080, and the whole stage is scaled to the window (letterboxed
// when the aspect differs), so a 1366x768 laptop shows the same picture smaller and a 4K wall larger.
export const stageWidth = 1920;
export const stageHeight = 1080;

export function currentScale(): number {
  return Math.min(window.innerWidth / stageWidth, window.innerHeight / stageHeight);
}

/** Sizes the stage now and on every window resize (one listener for the page's life). */
export function fitStage(stage: HTMLElement): number {
  const fit = (): void => {
    const scale = currentScale();
    const left = Math.max(0, (window.innerWidth - stageWidth * scale) / 2);
    const top = Math.max(0, (window.innerHeight - stageHeight * scale) / 2);
    stage.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
  };
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(fit);
  });
  fit();
  return currentScale();
}

// Sets an element's width in percent through the CSS object model. The gateway's Content-Security-Policy forbids
// inline style attributes (which lit-html's styleMap writes on first render), but not this.
import { ref } from "lit-html/directives/ref.js";

/** A directive for an element whose width is the given percentage (clamped to 0–100). */
export function widthPercent(percent: number) {
  const clamped = Math.max(0, Math.min(100, percent));
  return ref((element) => {
    if (element instanceof HTMLElement) {
      element.style.width = `${clamped}%`;
    }
  });
}

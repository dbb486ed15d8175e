// Simple accessible bar charts: each bar is decoration (aria-hidden) beside its label and value in text, so the chart
// reads as a list of figures to a screen reader; a caption says what is measured.
import { html, type TemplateResult } from "lit-html";
import { widthPercent } from "../../ui/width.js";

/** One bar: its label, its value as a number (for the length) and as text (what is read). */
export interface Bar {
  label: string;
  value: bigint;
  text: string;
}

/** A horizontal bar chart with a heading; bars are scaled to the largest value. */
export function barChart(id: string, title: string, bars: Bar[]): TemplateResult {
  const largest = bars.reduce((max, bar) => (bar.value > max ? bar.value : max), 0n);
  return html`<figure class="app-figure" aria-labelledby="${id}-title">
    <figcaption class="nhsuk-heading-s" id="${id}-title">${title}</figcaption>
    <ul class="app-chart" id=${id}>
      ${bars.map((bar) => html`<li class="app-chart__item">
        <span class="app-chart__label">${bar.label}: <span class="app-chart__value">${bar.text}</span></span>
        <span class="app-chart__bar-track" aria-hidden="true"><span class="app-chart__bar" ${widthPercent(largest === 0n ? 0 : Number((bar.value * 100n) / largest))}></span></span>
      </li>`)}
    </ul>
  </figure>`;
}

import { html } from 'lit';
import type { TemplateResult } from 'lit';

/**
 * A tracking number that breaks only between its groups (`NH-7K3M-` `9XQ2-` …), never inside one,
 * however narrow the screen or large the text; its text stays the number itself.
 */
export function renderTrackingId(trackingId: string): TemplateResult[] {
  const groups = trackingId.split('-');
  return groups.map((group, index) =>
    index < groups.length - 1 ? html`<span class="nowrap">${group}-</span><wbr />` : html`<span class="nowrap">${group}</span>`,
  );
}

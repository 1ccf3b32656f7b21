/**
 * The event `<nh-indicators>` adds to the shared ones (`nh-error`, `nh-signed-out`). Like every
 * element's events it bubbles, is composed and carries its payload in `detail`; none carries the token.
 */
import type { IndicatorsAnswer } from '@narahubung/core';

/** Numbers were shown: `detail.answer` is the `GET /v1/indicators` answer behind them. */
export class NhIndicatorsEvent extends CustomEvent<{ answer: IndicatorsAnswer }> {
  constructor(answer: IndicatorsAnswer) {
    super('nh-indicators', { bubbles: true, composed: true, detail: { answer } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nh-indicators': NhIndicatorsEvent;
  }
}

import { css } from 'lit';

export const inboxStyles = css`
  /* The parts are transparent and unpadded; the inbox itself is the widget's box. */
  :host { max-width: var(--nh-max-width, none); padding: var(--_space); background: var(--_bg); }
  .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: 0.75rem; }
  .bar h2 { margin: 0; font-size: 1.375em; }
  .bar .actions { margin: 0; justify-content: flex-end; gap: 0.5rem 0.75rem; }
  .bar button { min-height: 2.25rem; padding: 0.2rem 0.75rem; }
  .signed-in-as { margin: 0; color: var(--_muted); overflow-wrap: anywhere; font-size: 0.9375rem; }
  nh-inbox-list[hidden], nh-inbox-detail[hidden] { display: none; }
`;

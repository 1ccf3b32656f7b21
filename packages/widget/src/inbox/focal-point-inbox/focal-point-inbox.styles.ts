import { css } from 'lit';

export const inboxStyles = css`
  /* The parts are transparent and unpadded; the inbox itself is the widget's box. */
  :host { max-width: var(--nh-max-width, none); padding: var(--_space); background: var(--_bg); }
  .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: var(--_space); }
  .bar h2 { margin: 0; }
  .bar .actions { margin: 0; justify-content: flex-end; }
  .signed-in-as { margin: 0; color: var(--_muted); overflow-wrap: anywhere; }
  nh-inbox-list[hidden], nh-inbox-detail[hidden] { display: none; }
`;

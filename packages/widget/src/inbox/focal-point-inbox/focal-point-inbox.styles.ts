import { css } from 'lit';

export const inboxStyles = css`
  :host { max-width: var(--nh-max-width, none); }
  .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: var(--_space); }
  .bar h2 { margin: 0; }
  .bar .actions { margin: 0; justify-content: flex-end; }
  .signed-in-as { margin: 0; color: var(--_muted); overflow-wrap: anywhere; }
  nh-inbox-list[hidden], nh-inbox-detail[hidden] { display: none; }
`;

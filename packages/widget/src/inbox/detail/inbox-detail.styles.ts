import { css } from 'lit';

export const detailStyles = css`
  .layout { display: grid; gap: 0 calc(var(--_space) * 2); grid-template-columns: minmax(0, 1fr); }
  @media (min-width: 64rem) {
    .layout { grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr); }
  }
  dl > div { padding: 0.3rem 0; }
  dt { flex: 1 1 10rem; }
  dd { flex: 3 1 14rem; }
  .summary-line { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0 0 var(--_space); }
  .back { display: inline-block; margin: 0 0 0.75rem; }
  h2 { overflow-wrap: anywhere; }
  ol.timeline .who { color: var(--_text); }
  ol.timeline .label { font-weight: 600; }
  ul.plain { margin: 0 0 var(--_space); padding-left: 1.25rem; }
  ul.plain li { margin-bottom: 0.5rem; }
`;

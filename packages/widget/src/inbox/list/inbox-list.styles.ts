import { css } from 'lit';

export const listStyles = css`
  nav.tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; margin: 0 0 var(--_space); padding: 0; border-bottom: 2px solid var(--_border); }
  nav.tabs a { display: inline-block; padding: 0.4rem 0.6rem; text-decoration: none; border: 2px solid transparent; border-bottom: 0; border-radius: var(--_radius) var(--_radius) 0 0; }
  nav.tabs a:hover { text-decoration: underline; }
  nav.tabs a[aria-current='page'] { font-weight: 700; color: var(--_text); border-color: var(--_border); background: var(--_surface); text-decoration: none; }
  nav.tabs .count { display: inline-block; min-width: 1.75em; margin-left: 0.35rem; padding: 0 0.3rem; text-align: center; font-variant-numeric: tabular-nums; border: 1px solid currentColor; border-radius: 1em; }
  form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin: 0 0 var(--_space); }
  form.filters .field { flex: 0 1 12rem; min-width: 9rem; }
  form.filters .field.search { flex: 2 1 22rem; }
  form.filters .search-row { display: flex; gap: 0.5rem; }
  form.filters .search-row input { flex: 1; }
  form.filters .hint { font-size: 0.875rem; }
  form.filters .choice { flex: 0 1 auto; margin: 0; align-self: center; }
  form.filters label { font-size: 0.9375rem; }
  .range { margin: 0; font-weight: 600; }
  .range:focus { outline: 3px solid var(--_focus); }
  .list-bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin: 0 0 0.5rem; }
  .table-wrap { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; font-variant-numeric: tabular-nums; }
  caption { text-align: start; }
  th, td { text-align: start; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--_border); }
  thead th { font-size: 0.875rem; background: var(--_surface); border-bottom-width: 2px; white-space: nowrap; }
  tbody th { font-weight: 400; }
  tbody th a { font-weight: 600; overflow-wrap: anywhere; }
  tr.overdue > :first-child { box-shadow: inset 6px 0 0 var(--_error); }
  td.select, th.select { width: 2.75rem; }
  td.select input, th.select input { width: 1.5rem; height: 1.5rem; min-height: 0; margin: 0; accent-color: var(--_accent); }
  td.count { white-space: nowrap; text-align: end; }
  td.count svg { vertical-align: -0.15em; }
  nav.pager { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: var(--_space) 0; }
  nav.pager a { display: inline-block; padding: 0.5rem 0.75rem; border: 2px solid var(--_border); border-radius: var(--_radius); font-weight: 600; min-height: 2.75rem; }
`;

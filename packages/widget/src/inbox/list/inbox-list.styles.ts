import { css } from 'lit';

/** Dense, for a queue of hundreds on a laptop screen: a dozen rows under the filters at 1280×800. */
export const listStyles = css`
  nav.tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0 0.25rem; margin: 0 0 0.75rem; padding: 0; border-bottom: 2px solid var(--_border); }
  nav.tabs a { display: inline-block; padding: 0.3rem 0.5rem; font-size: 0.9375rem; text-decoration: none; border: 2px solid transparent; border-bottom: 0; border-radius: var(--_radius) var(--_radius) 0 0; }
  nav.tabs a:hover { text-decoration: underline; }
  nav.tabs a[aria-current='page'] { font-weight: 700; color: var(--_text); border-color: var(--_border); background: var(--_surface); text-decoration: none; }
  nav.tabs .count { display: inline-block; min-width: 1.6em; margin-left: 0.3rem; padding: 0 0.25rem; text-align: center; font-variant-numeric: tabular-nums; border: 1px solid currentColor; border-radius: 1em; }
  form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 0.5rem 0.75rem; align-items: end; margin: 0 0 0.5rem; }
  @media (min-width: 70rem) {
    form.filters { grid-template-columns: minmax(16rem, 2.4fr) repeat(6, minmax(7.5rem, 1fr)); }
  }
  form.filters .search { grid-column: span 2; }
  @media (min-width: 70rem) {
    form.filters .search { grid-column: auto; }
  }
  form.filters label { font-size: 0.875rem; margin-bottom: 0.15rem; }
  form.filters .hint { display: inline; font-size: 0.8125rem; font-weight: 400; margin: 0 0 0 0.25rem; }
  form.filters input, form.filters select { min-height: 2.25rem; padding: 0.2rem 0.4rem; }
  form.filters button { min-height: 2.25rem; padding: 0.2rem 0.75rem; }
  .search-row { display: flex; gap: 0.5rem; }
  .search-row input { flex: 1; min-width: 0; }
  .list-bar { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; align-items: center; margin: 0 0 0.5rem; }
  .list-bar .choice { margin: 0; align-items: center; }
  .list-bar .choice input { width: 1.5rem; height: 1.5rem; }
  .list-bar .choice label { font-size: 0.9375rem; }
  .range { margin: 0; font-weight: 700; }
  .range:focus { outline: 3px solid var(--_focus); }
  .table-wrap { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; line-height: 1.35; font-variant-numeric: tabular-nums; }
  caption { text-align: start; }
  th, td { text-align: start; vertical-align: top; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--_border); }
  thead th { font-size: 0.8125rem; background: var(--_surface); border-bottom-width: 2px; white-space: nowrap; }
  tbody th { font-weight: 400; min-width: 14rem; }
  tbody th a { font-weight: 600; overflow-wrap: anywhere; }
  td.nowrap { white-space: nowrap; }
  td .mono { font-size: 0.8125rem; }
  tr.overdue > :first-child { box-shadow: inset 6px 0 0 var(--_error); }
  td.select, th.select { width: 2.25rem; }
  td.select input, th.select input { width: 1.25rem; height: 1.25rem; min-height: 0; margin: 0; accent-color: var(--_accent); }
  td.count { white-space: nowrap; text-align: end; }
  td.count svg, th svg { vertical-align: -0.15em; }
  nav.pager { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: var(--_space) 0; }
  nav.pager a { display: inline-block; padding: 0.4rem 0.75rem; border: 2px solid var(--_border); border-radius: var(--_radius); font-weight: 600; }
`;

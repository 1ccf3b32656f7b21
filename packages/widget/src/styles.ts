import { css } from 'lit';

/**
 * Styles shared by the elements. Every colour comes from a `--nh-*` custom property with an
 * accessible default (WCAG 2.2 AA contrast in both schemes); the private `--_*` names keep the
 * rules readable.
 */
export const baseStyles = css`
  :host {
    --_text: var(--nh-color-text, #0b0c0c);
    --_muted: var(--nh-color-muted, #484f53);
    --_bg: var(--nh-color-background, #ffffff);
    --_surface: var(--nh-color-surface, #f3f2f1);
    --_border: var(--nh-color-border, #505a5f);
    --_accent: var(--nh-color-accent, #00703c);
    --_on-accent: var(--nh-color-on-accent, #ffffff);
    --_link: var(--nh-color-link, #1d4f91);
    --_error: var(--nh-color-error, #b0241b);
    --_focus: var(--nh-color-focus, #ffdd00);
    --_success: var(--nh-color-success, #00703c);
    --_radius: var(--nh-radius, 4px);
    --_space: var(--nh-space, 1rem);
    display: block;
    max-width: var(--nh-max-width, 40rem);
    padding: var(--_space);
    box-sizing: border-box;
    font-family: var(--nh-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--nh-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_bg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--nh-dark-color-text, #f3f2f1);
      --_muted: var(--nh-dark-color-muted, #c2c8cc);
      --_bg: var(--nh-dark-color-background, #17191a);
      --_surface: var(--nh-dark-color-surface, #26292b);
      --_border: var(--nh-dark-color-border, #b1b4b6);
      --_accent: var(--nh-dark-color-accent, #5fd39a);
      --_on-accent: var(--nh-dark-color-on-accent, #0b0c0c);
      --_link: var(--nh-dark-color-link, #9cc3ff);
      --_error: var(--nh-dark-color-error, #ff9c94);
      --_success: var(--nh-dark-color-success, #5fd39a);
    }
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  h2, h3 { margin: 0 0 calc(var(--_space) * 0.75); line-height: 1.25; overflow-wrap: break-word; }
  h2 { font-size: 1.5em; }
  h3 { font-size: 1.15em; }
  h2:focus, h3:focus { outline: none; }
  p { margin: 0 0 var(--_space); }
  .group { margin: 0 0 calc(var(--_space) * 1.5); border: 0; padding: 0; min-width: 0; }
  label, legend { display: block; font-weight: 600; margin-bottom: 0.25rem; padding: 0; }
  .hint { display: block; color: var(--_muted); margin-bottom: 0.25rem; }
  .error { display: block; color: var(--_error); font-weight: 600; margin-bottom: 0.25rem; }
  .invalid { border-left: 4px solid var(--_error); padding-left: calc(var(--_space) * 0.75); }
  input, select, textarea {
    display: block; width: 100%; font: inherit; color: var(--_text); background: var(--_bg);
    border: 2px solid var(--_border); border-radius: 0; padding: 0.4rem 0.5rem; min-height: 2.75rem;
  }
  textarea { min-height: 8rem; resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_error); }
  .choice { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0.5rem 0; }
  .choice input { width: 1.75rem; height: 1.75rem; min-height: 0; flex: none; margin: 0; accent-color: var(--_accent); }
  .choice label { font-weight: 400; margin: 0; padding-top: 0.1rem; }
  .choice .hint { margin: 0; }
  input:focus, select:focus, textarea:focus, button:focus-visible, a:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--_text);
  }
  button {
    font: inherit; font-weight: 600; cursor: pointer; min-height: 2.75rem; min-width: 2.75rem;
    padding: 0.5rem 1rem; border: 2px solid transparent; border-radius: var(--_radius);
    background: var(--_accent); color: var(--_on-accent);
  }
  button.secondary { background: var(--_surface); color: var(--_text); border-color: var(--_border); }
  button.link { background: none; border: 0; padding: 0.25rem; color: var(--_link); text-decoration: underline; font-weight: 400; min-height: 0; }
  a { color: var(--_link); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-top: var(--_space); }
  .summary { border: 4px solid var(--_error); padding: var(--_space); margin-bottom: calc(var(--_space) * 1.5); }
  .summary ul { margin: 0; padding-left: 1.25rem; }
  .summary a { color: var(--_error); font-weight: 600; }
  .panel { background: var(--_success); color: var(--_bg); padding: var(--_space); margin-bottom: var(--_space); text-align: center; container-type: inline-size; }
  .panel h2 { margin-bottom: 0.5rem; font-size: clamp(1.15em, 11cqi, 1.5em); }
  .reference { display: block; font-size: clamp(1.15em, 12cqi, 1.6em); font-weight: 700; letter-spacing: 0.05em; }
  .nowrap { white-space: nowrap; }
  .notice { border-left: 6px solid var(--_border); background: var(--_surface); padding: var(--_space); margin-bottom: var(--_space); }
  dl { margin: 0 0 var(--_space); }
  dl > div { display: flex; flex-wrap: wrap; gap: 0 1rem; border-bottom: 1px solid var(--_border); padding: 0.5rem 0; }
  dt { font-weight: 600; flex: 1 1 12rem; }
  dd { margin: 0; flex: 2 1 14rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  dd.actions { flex: 0 0 auto; white-space: normal; }
  .tag { display: inline-block; padding: 0.1rem 0.5rem; font-weight: 700; border: 2px solid currentColor; }
  .tag.overdue { color: var(--_error); }
  ol.timeline { list-style: none; margin: 0 0 var(--_space); padding: 0; border-left: 3px solid var(--_border); }
  ol.timeline li { margin: 0 0 var(--_space) 0; padding-left: var(--_space); }
  ol.timeline time { display: block; color: var(--_muted); }
  ol.timeline p { margin: 0.25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); clip-path: inset(50%); border: 0; white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    button { transition: background-color 120ms ease-out; }
  }
`;

import { css } from 'lit';

/**
 * What the inbox's parts share beside the widget's base styles: no width limit of their own (the
 * inbox element sets it), the boxes that tell public from internal text, tags, and notices. The
 * colours are `--nh-*` custom properties with defaults that pass WCAG 2.2 AA in both schemes.
 */
export const partStyles = css`
  :host {
    --_internal-bg: var(--nh-color-internal-background, #fff7d6);
    --_internal-border: var(--nh-color-internal-border, #8a6d00);
    --_public-border: var(--nh-color-public-border, #1d4f91);
    max-width: none;
    padding: 0;
    background: transparent;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_internal-bg: var(--nh-dark-color-internal-background, #332b0a);
      --_internal-border: var(--nh-dark-color-internal-border, #e3c455);
      --_public-border: var(--nh-dark-color-public-border, #9cc3ff);
    }
  }
  .notice.success { border-left-color: var(--_success); }
  .notice.error { border-left-color: var(--_error); }
  .notice:focus { outline: 3px solid var(--_focus); }
  .prose { white-space: pre-wrap; overflow-wrap: anywhere; }
  .badge { display: inline-block; font-size: 0.875em; font-weight: 700; padding: 0 0.4rem; border: 2px solid currentColor; border-radius: var(--_radius); }
  .box { border: 2px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); margin: 0 0 var(--_space); }
  .box.public { border-color: var(--_public-border); border-left-width: 8px; }
  .box.internal { border-color: var(--_internal-border); border-style: dashed; border-left: 8px solid var(--_internal-border); background: var(--_internal-bg); }
  .box.internal textarea, .box.internal select { background: var(--_bg); }
  .box > h3 { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
  form .choice { margin: 0.3rem 0; align-items: center; }
  form .choice .hint { display: inline; margin: 0 0 0 0.5rem; font-size: 0.875rem; }
  form .choice > div { display: flex; flex-wrap: wrap; align-items: baseline; }
  textarea { min-height: 5rem; }
  .mono { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.9em; white-space: nowrap; }
  .late { color: var(--_error); font-weight: 700; }
  button[disabled] { cursor: not-allowed; opacity: 0.7; }
`;

import { LitElement, css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale, SubmitAnswer } from '@narahubung/core';
import { canShare, copyText, share } from './clipboard.js';
import type { CopyOutcome } from './clipboard.js';
import { renderDeadlines } from './deadlines-view.js';
import { tc } from './messages/citizen.js';
import { t } from './messages/index.js';
import { baseStyles } from './styles.js';

/**
 * The confirmation's detail under the tracking number of `<nh-complaint-form>`: the personal link
 * with a plain "keep this link" message, buttons to copy it, send it (Web Share, where the device
 * has it) and copy the number, with "copied" shown beside them; who handles the complaint; its
 * deadlines. It comes with `narahubung-citizen.js`; without it the form's confirmation still shows
 * the number and links to the status page with the personal link.
 *
 * @csspart personal-link - The personal link.
 * @csspart secondary-button - Copy and send.
 * @csspart heading - The headings.
 */
export class NhConfirmation extends LitElement {
  static override styles = [baseStyles, css`:host { padding: 0; max-width: none; } .personal-link { overflow-wrap: anywhere; }`];

  /** The submit answer: tracking number, deadlines, the focal point. */
  @property({ attribute: false }) answer?: SubmitAnswer;
  /** The personal link (`…?tracking=NH-…#key=…`), or `''` when the page has no status page to link to. */
  @property({ attribute: false }) link = '';
  @property({ reflect: true }) locale: Locale = 'id';
  /** The intake's time zone, for the deadlines. */
  @property({ attribute: false }) timeZone = 'Asia/Jakarta';

  override connectedCallback(): void {
    super.connectedCallback();
    // Its parts can be styled through the form, as the form's own.
    this.setAttribute('exportparts', 'personal-link, secondary-button, heading');
  }

  /** What the last copy did, said beside the buttons (not only announced). */
  @state() private _copied: 'link' | 'number' | 'selected' | null = null;

  override render(): TemplateResult | typeof nothing {
    const answer = this.answer;
    if (!answer) return nothing;
    const locale = this.locale;
    const link = this.link;
    const focal = answer.focalPoint;
    return html`<div lang=${locale}>
      ${link
        ? html`<h3 part="heading">${tc(locale, 'link.heading')}</h3>
            <p>${tc(locale, 'link.text')}</p>
            <p class="personal-link"><a id="personal-link" part="personal-link" href=${link}>${link}</a></p>`
        : html`<p>${tc(locale, 'success.keep')}</p>`}
      <div class="actions">
        ${link ? html`<button class="secondary" part="secondary-button" @click=${() => this._copy(link, 'link')}>${tc(locale, 'link.copy')}</button>` : nothing}
        ${link && canShare() ? html`<button class="secondary" part="secondary-button" @click=${() => void share({ url: link })}>${tc(locale, 'share')}</button>` : nothing}
        <button class="secondary" part="secondary-button" @click=${() => this._copy(answer.trackingId, 'number')}>${tc(locale, 'copy')}</button>
      </div>
      <p class="copied" role="status">${this._copied ? tc(locale, this._copied === 'link' ? 'link.copied' : this._copied === 'number' ? 'copied' : 'selected') : nothing}</p>
      <p>${focal ? tc(locale, 'success.focal', focal) : tc(locale, 'success.unit')}</p>
      <h3 part="heading">${t(locale, 'deadlines')}</h3>
      ${renderDeadlines(answer.deadlines, locale, this.timeZone)}
    </div>`;
  }

  private async _copy(text: string, what: 'link' | 'number'): Promise<void> {
    // Without the Clipboard API the text is selected where it is shown: the number is in the form's panel, beside this element.
    const shown = what === 'link' ? this.renderRoot.querySelector('#personal-link') : (this.getRootNode() as ParentNode).querySelector('[part~="tracking-id"]');
    const outcome: CopyOutcome = await copyText(text, shown ?? this);
    this._copied = outcome === 'copied' ? what : 'selected';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-confirmation': NhConfirmation;
  }
}

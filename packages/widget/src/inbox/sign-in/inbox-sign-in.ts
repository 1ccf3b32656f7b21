import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale } from '@narahubung/core';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import { InboxSignInEvent } from '../internal-events.js';
import { focusIn, renderNotice } from '../failures.js';
import type { Notice } from '../failures.js';
import { partStyles } from '../styles.js';

/**
 * The inbox's sign-in form: the token (a password field, never autocompleted) and "remember on
 * this device". Sends `nh-inbox-sign-in` to the inbox, which checks the token.
 *
 * @csspart form - The form.
 * @csspart heading - Its heading.
 * @csspart label - Labels.
 * @csspart hint - Hints under the labels.
 * @csspart error - The token's error.
 * @csspart input - The token field.
 * @csspart button - "Sign in".
 * @csspart notice - A message above the form (signed out, cannot reach the server).
 */
export class NhInboxSignIn extends LitElement {
  static override styles = [baseStyles, partStyles];

  @property() locale: Locale = 'id';
  /** The token's error, from the server (not valid) or empty. */
  @property() error = '';
  /** A message above the form; `error` tone is announced as an alert. */
  @property({ attribute: false }) notice: Notice | undefined;
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) remember = false;

  @state() private _token = '';
  @state() private _required = false;

  /** Focuses the token field, or the notice when there is one. */
  async focusFirst(): Promise<void> {
    await focusIn(this, this.notice ? '#notice' : '#token');
  }

  override render(): TemplateResult {
    const locale = this.locale;
    const error = this._required ? ti(locale, 'inbox.sign_in.required') : this.error;
    const notice = this.notice;
    return html`<form part="form" novalidate @submit=${this._onSubmit}>
      <h2 id="view-heading" part="heading" tabindex="-1">${ti(locale, 'inbox.heading')}</h2>
      <p>${ti(locale, 'inbox.sign_in.intro')}</p>
      ${renderNotice(notice, 'notice')}
      <div role="status">${this.busy ? html`<p>${ti(locale, 'inbox.sign_in.loading')}</p>` : nothing}</div>
      <div class="group ${error ? 'invalid' : ''}">
        <label for="token" part="label">${ti(locale, 'inbox.sign_in.token')}</label>
        <span class="hint" id="token-hint" part="hint">${ti(locale, 'inbox.sign_in.token_hint')}</span>
        ${error ? html`<span class="error" id="token-error" part="error">${error}</span>` : nothing}
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" autocapitalize="off" part="input"
          .value=${this._token} aria-describedby=${error ? 'token-hint token-error' : 'token-hint'} aria-invalid=${error ? 'true' : 'false'}
          @input=${(event: Event) => (this._token = (event.target as HTMLInputElement).value)} />
      </div>
      <div class="group">
        <div class="choice">
          <input id="remember" name="remember" type="checkbox" .checked=${this.remember} aria-describedby="remember-hint"
            @change=${(event: Event) => (this.remember = (event.target as HTMLInputElement).checked)} />
          <div>
            <label for="remember" part="label">${ti(locale, 'inbox.sign_in.remember')}</label>
            <span class="hint" id="remember-hint" part="hint">${ti(locale, 'inbox.sign_in.remember_hint')}</span>
          </div>
        </div>
      </div>
      <button type="submit" part="button" ?disabled=${this.busy}>${ti(locale, 'inbox.sign_in.submit')}</button>
    </form>`;
  }

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const token = this._token.trim();
    this._required = token === '';
    if (this._required) {
      await focusIn(this, '#token');
      return;
    }
    this.dispatchEvent(new InboxSignInEvent(token, this.remember));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-sign-in': NhInboxSignIn;
  }
}

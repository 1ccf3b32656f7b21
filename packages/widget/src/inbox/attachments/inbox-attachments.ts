import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatBytes } from '@narahubung/core';
import type { InboxItem } from '@narahubung/core';
import { ti } from '../../messages/inbox.js';
import { baseStyles } from '../../styles.js';
import type { InboxContext } from '../context.js';
import { focusIn, reportFailure } from '../failures.js';
import { partStyles } from '../styles.js';

type Attachment = InboxItem['attachments'][number];

/** Chromium takes hold of a download's blob at the click; Firefox and Safari a moment later, so the URL outlives the click a little. */
const REVOKE_AFTER_MS = 1000;

/**
 * A complaint's attachments: each with its name, type and size, "View" to show it in place and
 * "Download" to save it (with the name the server gives this reader: the reporter's own only when
 * the complaint is public).
 *
 * The viewer is a frame of the API's origin showing the file through a two-minute ticket (a frame
 * cannot send the token): the server answers it inline under `Content-Security-Policy: sandbox`, so
 * the browser's own PDF or image viewer shows it and nothing in the file runs as any origin of
 * ours. The frame has no `sandbox` attribute because Chromium refuses PDFs in one; the sandbox is
 * the answer's. The page's CSP must allow the API's origin in `frame-src` (`default-src 'self'`
 * does when they share an origin).
 *
 * @csspart download-button - "Download".
 * @csspart view-button - "View".
 * @csspart viewer - The frame showing a file, with its caption.
 */
export class NhInboxAttachments extends LitElement {
  static override styles = [
    baseStyles,
    partStyles,
    css`
      ul { list-style: none; margin: 0 0 var(--_space); padding: 0; }
      li { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; margin-bottom: 0.5rem; overflow-wrap: anywhere; }
      li > span { flex: 1 1 14rem; }
      figure { margin: 0 0 var(--_space); border: 2px solid var(--_border); }
      figcaption { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; padding: 0.25rem 0.5rem; background: var(--_surface); }
      figcaption:focus { outline: 3px solid var(--_focus); }
      iframe { display: block; width: 100%; height: min(75vh, 48rem); border: 0; background: var(--_surface); }
    `,
  ];

  @property({ attribute: false }) context!: InboxContext;
  @property({ attribute: false }) item!: InboxItem;

  /** The file shown in place, and the URL of its frame. */
  @state() private _viewing: { file: Attachment; url: string } | undefined;
  @state() private _busy: string | undefined;
  @state() private _error = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('item');
    if (before && before.trackingId !== this.item.trackingId) {
      this._viewing = undefined;
      this._error = '';
    }
  }

  override render(): TemplateResult {
    const locale = this.context.locale;
    const viewing = this._viewing;
    return html`<ul>
        ${this.item.attachments.map((file) => html`<li>
          <span>${file.name} (${file.type}, ${formatBytes(file.size)})</span>
          <button type="button" class="secondary" part="view-button" data-view-id=${file.id} ?disabled=${!!this._busy} aria-pressed=${viewing?.file.id === file.id ? 'true' : 'false'}
            @click=${() => this._view(file)}>${ti(locale, 'inbox.view')}<span class="visually-hidden"> ${file.name}</span></button>
          <button type="button" class="secondary" part="download-button" data-attachment-id=${file.id} ?disabled=${!!this._busy}
            @click=${() => this._download(file)}>${ti(locale, 'inbox.download')}<span class="visually-hidden"> ${file.name}</span></button>
        </li>`)}
      </ul>
      <div role="status">${this._busy ? html`<p>${ti(locale, 'inbox.fetching', { name: this._busy })}</p>` : nothing}</div>
      <div role="alert">${this._error ? html`<p id="attachment-error" class="notice error" part="notice" tabindex="-1">${this._error}</p>` : nothing}</div>
      ${viewing
        ? html`<figure part="viewer">
            <figcaption id="viewer-caption" tabindex="-1"><span>${viewing.file.name}</span>
              <button type="button" class="secondary" part="secondary-button" @click=${this._close}>${ti(locale, 'inbox.viewer_close')}<span class="visually-hidden"> ${viewing.file.name}</span></button>
            </figcaption>
            <iframe src=${viewing.url} title=${viewing.file.name} referrerpolicy="no-referrer"></iframe>
          </figure>`
        : nothing}`;
  }

  private async _view(file: Attachment): Promise<void> {
    const { client, token, locale } = this.context;
    await this._fetch(file, async () => {
      this._viewing = { file, url: await client.attachmentViewUrl(token, this.item.trackingId, file.id, { locale }) };
      await focusIn(this, '#viewer-caption');
    });
  }

  private async _close(): Promise<void> {
    const id = this._viewing?.file.id;
    this._viewing = undefined;
    await focusIn(this, `[data-view-id="${id ?? ''}"]`);
  }

  private async _download(file: Attachment): Promise<void> {
    const { client, token, locale } = this.context;
    await this._fetch(file, async () => saveAs(await client.attachment(token, this.item.trackingId, file.id, { locale }), file.name, this.renderRoot));
  }

  private async _fetch(file: Attachment, run: () => Promise<void>): Promise<void> {
    const locale = this.context.locale;
    if (this._busy) return;
    this._busy = file.name;
    this._error = '';
    try {
      await run();
    } catch (error) {
      const failure = reportFailure(this, error, locale);
      if (failure && failure.error.status !== 401) {
        this._error = failure.error.status === 404 ? ti(locale, 'inbox.attachment_not_found', { name: file.name }) : failure.text;
        this._busy = undefined;
        await focusIn(this, '#attachment-error');
      }
    } finally {
      this._busy = undefined;
    }
  }
}

/**
 * Saves `blob` as a file called `name` through a temporary `<a download>` in `root`: the page does
 * not navigate, and nothing runs that a strict Content-Security-Policy forbids.
 */
function saveAs(blob: Blob, name: string, root: HTMLElement | DocumentFragment): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  // A host page's router listening for clicks on links must not take this one for navigation.
  link.addEventListener('click', (event) => event.stopPropagation());
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

declare global {
  interface HTMLElementTagNameMap {
    'nh-inbox-attachments': NhInboxAttachments;
  }
}

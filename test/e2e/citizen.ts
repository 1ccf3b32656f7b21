/**
 * What a citizen does on the agency page, in the real page: click into a field and type, choose
 * with the keyboard, press Enter. Fields live in `<nh-complaint-form>`'s shadow root, reached with
 * puppeteer's `>>>` (deep) selectors.
 */
import type { Page } from 'puppeteer-core';
import { POLL_MS, waitInShadow } from './browser.js';

export interface CitizenComplaint {
  title: string;
  description: string;
  place?: string;
  name: string;
  email?: string;
  phone?: string;
  confidentiality?: 'anonymous' | 'secret' | 'public';
  /** Ticks "email me updates". */
  emailUpdates?: boolean;
}

const FORM = 'nh-complaint-form';
const field = (id: string) => `${FORM} >>> #${id}`;

/** The form's current step heading (its `h2`). */
export async function stepHeading(page: Page): Promise<string> {
  await waitInShadow(page, FORM, 'h2');
  return page.$eval(FORM, (form) => (form.shadowRoot!.querySelector('h2')!.textContent ?? '').trim());
}

async function waitForStep(page: Page, heading: RegExp): Promise<void> {
  try {
    await page.waitForFunction(
      (selector, source) => {
        const h2 = document.querySelector(selector)?.shadowRoot?.querySelector('h2');
        return !!h2 && new RegExp(source).test(h2.textContent ?? '');
      },
      { timeout: 20_000, polling: POLL_MS },
      FORM,
      heading.source,
    );
  } catch (error) {
    throw new Error(`the form did not reach "${heading.source}"; it shows: ${await formText(page)}`, { cause: error });
  }
}

/** The text the form shows now, whitespace collapsed (for failure messages). */
export async function formText(page: Page): Promise<string> {
  return page.$eval(FORM, (form) => (form.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => '(no form)');
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await page.click(field(id));
  await page.keyboard.type(text);
}

/**
 * Fills every step of the form on the page as a citizen would and stops at "check your answers".
 * The reported agency is fixed by the page (`data-agency`); the category is the first one offered.
 */
export async function fillComplaintForm(page: Page, complaint: CitizenComplaint): Promise<void> {
  await waitForStep(page, /Tentang laporan|About/);
  // Category: focus the select and choose with the arrow key, as a keyboard user does.
  await page.focus(field('f-category'));
  await page.keyboard.press('ArrowDown');
  const category = await page.$eval(field('f-category'), (select) => (select as HTMLSelectElement).value);
  if (!category) throw new Error('the category select did not take the arrow key');
  await pressContinue(page);

  await waitForStep(page, /Apa yang terjadi|What happened/);
  await typeInto(page, 'f-title', complaint.title);
  await typeInto(page, 'f-description', complaint.description);
  if (complaint.place) await typeInto(page, 'f-incident-place', complaint.place);
  await pressContinue(page);

  await waitForStep(page, /Data Anda|About you/);
  await typeInto(page, 'f-reporter-name', complaint.name);
  if (complaint.email) await typeInto(page, 'f-reporter-email', complaint.email);
  if (complaint.emailUpdates) {
    await page.focus(field('f-emailUpdates'));
    await page.keyboard.press('Space');
  }
  if (complaint.phone) await typeInto(page, 'f-reporter-phone', complaint.phone);
  const confidentiality = complaint.confidentiality ?? 'anonymous';
  // The first option's id is `f-confidentiality`, the others `f-confidentiality-<code>`.
  if (confidentiality !== 'anonymous') await page.click(field(`f-confidentiality-${confidentiality}`));
  await page.focus(field('f-consent'));
  await page.keyboard.press('Space');
  await pressContinue(page);

  await waitForStep(page, /Periksa jawaban|Check your answers/);
}

/** The primary button of the step: reached with the keyboard and pressed with Enter. */
async function pressContinue(page: Page): Promise<void> {
  await page.focus(`${FORM} >>> button[type="submit"]`);
  await page.keyboard.press('Enter');
}

/** Presses "Send" on "check your answers". */
export async function sendComplaint(page: Page): Promise<void> {
  await pressContinue(page);
}

/** Waits until the confirmation shows the personal link (from narahubung-citizen.js), and returns it. */
export async function personalLinkShown(page: Page, timeout = 30_000): Promise<string> {
  try {
    const shown = await page.waitForFunction(
      (selector) => document.querySelector(selector)?.shadowRoot?.querySelector('nh-confirmation')?.shadowRoot?.querySelector<HTMLAnchorElement>('[part~="personal-link"]')?.href,
      { timeout, polling: POLL_MS },
      FORM,
    );
    return (await shown.jsonValue()) as string;
  } catch (error) {
    throw new Error(`no personal link shown; the form shows: ${await formText(page)}`, { cause: error });
  }
}

/** Waits until the form shows the tracking number it got, and returns it. */
export async function trackingNumberShown(page: Page, timeout = 60_000): Promise<string> {
  try {
    const shown = await page.waitForFunction(
      (selector) => document.querySelector(selector)?.shadowRoot?.querySelector('[part~="tracking-id"]')?.textContent?.trim(),
      { timeout, polling: POLL_MS },
      FORM,
    );
    return (await shown.jsonValue()) as string;
  } catch (error) {
    throw new Error(`no tracking number shown; the form shows: ${await formText(page)}`, { cause: error });
  }
}

import type { Locale } from '@narahubung/core';

/** Page-wide defaults for every element: from the widget's script tag, or set by the host page. */
export interface WidgetDefaults {
  endpoint?: string;
  agency?: string;
  locale?: Locale;
}

export const pageDefaults: WidgetDefaults = {};

/** Set defaults for every element on the page (an element's own attribute still wins). */
export function setPageDefaults(defaults: WidgetDefaults): void {
  Object.assign(pageDefaults, defaults);
}

/** Reads `data-endpoint`, `data-agency` and `data-locale` from the widget's own script tag. */
export function readScriptDefaults(script: Element | null): void {
  const data = (script as HTMLElement | null)?.dataset;
  if (!data) return;
  if (data.endpoint) pageDefaults.endpoint = data.endpoint;
  if (data.agency) pageDefaults.agency = data.agency;
  if (data.locale === 'id' || data.locale === 'en') pageDefaults.locale = data.locale;
}

/** The locale an element uses: its own, else the page default, else Indonesian. */
export function localeOf(value: string | undefined): Locale {
  const locale = value || pageDefaults.locale;
  return locale === 'en' ? 'en' : 'id';
}

/** The API root as an absolute URL (the client adds `/v1/...`). */
export function endpointOf(value: string | undefined): string {
  return new URL(value || pageDefaults.endpoint || '/', document.baseURI).href;
}

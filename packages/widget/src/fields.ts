import type { ComplaintSubmission, FieldError, Locale } from '@narahubung/core';
import type { WidgetMessageKey } from './messages/index.js';

/** How a field is asked. */
export type Control = 'text' | 'email' | 'tel' | 'date' | 'textarea' | 'agency' | 'category' | 'kind' | 'confidentiality' | 'checkbox' | 'files';

/** One question of the form; `path` is its name in the submission schema (`reporter.email`). */
export interface Field {
  path: string;
  control: Control;
  optional?: boolean;
  hint?: WidgetMessageKey;
  /** A checkbox's own label (its question's name, `field.<path>`, heads "check your answers"). */
  label?: WidgetMessageKey;
  autocomplete?: string;
}

export type StepKey = 'about' | 'what' | 'you';

/** The form's steps, short enough for a 360 px phone; a "check your answers" step follows them. */
export const STEPS: { key: StepKey; fields: Field[] }[] = [
  {
    key: 'about',
    fields: [
      { path: 'kind', control: 'kind' },
      { path: 'agencyId', control: 'agency' },
      { path: 'unit', control: 'text', optional: true, hint: 'hint.unit' },
      { path: 'category', control: 'category' },
    ],
  },
  {
    key: 'what',
    fields: [
      { path: 'title', control: 'text', hint: 'hint.title' },
      { path: 'description', control: 'textarea', hint: 'hint.description' },
      { path: 'incident.date', control: 'date', optional: true },
      { path: 'incident.place', control: 'text', optional: true },
      { path: 'priorAttempt.date', control: 'date', optional: true, hint: 'hint.priorAttempt' },
      { path: 'priorAttempt.contacted', control: 'text', optional: true },
      { path: 'priorAttempt.response', control: 'textarea', optional: true },
      { path: 'expectedResolution', control: 'textarea', optional: true },
      { path: 'attachments', control: 'files', optional: true, hint: 'hint.attachments' },
    ],
  },
  {
    key: 'you',
    fields: [
      { path: 'reporter.name', control: 'text', autocomplete: 'name' },
      { path: 'reporter.email', control: 'email', optional: true, autocomplete: 'email' },
      { path: 'emailUpdates', control: 'checkbox', optional: true, label: 'emailUpdates.label', hint: 'hint.emailUpdates' },
      { path: 'reporter.phone', control: 'tel', optional: true, hint: 'hint.reporter.phone', autocomplete: 'tel' },
      { path: 'reporter.address', control: 'text', optional: true, autocomplete: 'street-address' },
      { path: 'reporter.idNumber', control: 'text', optional: true, hint: 'hint.reporter.idNumber', autocomplete: 'off' },
      { path: 'confidentiality', control: 'confidentiality' },
      { path: 'consent', control: 'checkbox', label: 'consent.text' },
    ],
  },
];

export const FIELDS: Field[] = STEPS.flatMap((step) => step.fields);

/** The values as typed, keyed by path. */
export type FormValues = Record<string, string | boolean>;

export const initialValues: FormValues = { kind: 'complaint', confidentiality: 'anonymous' };

/** The element id of a field's control (for radios, its first option). */
export function controlId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/** The field an error belongs to: its own path, or the first field under it (`reporter` -> `reporter.email`). */
export function fieldOf(error: FieldError): Field | undefined {
  if (error.code === 'contact_required') return FIELDS.find((field) => field.path === 'reporter.email');
  return (
    FIELDS.find((field) => field.path === error.path) ??
    (error.path ? FIELDS.find((field) => field.path.startsWith(`${error.path}.`)) : undefined) ??
    // One item of a list field (`attachments.1`) belongs to the list's control.
    FIELDS.find((field) => error.path.startsWith(`${field.path}.`))
  );
}

/** The step that holds a field. */
export function stepOf(field: Field): number {
  return STEPS.findIndex((step) => step.fields.includes(field));
}

/** The submission the values describe: empty answers are left out, as the schema expects. */
export function toSubmission(values: FormValues, locale: Locale, agency: string | undefined): Record<string, unknown> {
  const submission: Record<string, unknown> = { locale };
  for (const field of FIELDS) {
    if (field.control === 'files') continue;
    const raw = field.path === 'agencyId' && agency ? agency : values[field.path];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === '' || value === false) continue;
    const keys = field.path.split('.');
    let target = submission;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]!] = value;
  }
  submission.reporter ??= {};
  return submission;
}

export type { ComplaintSubmission };

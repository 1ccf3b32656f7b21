export { buildWorkshop, findMissingGlyphs, slug, type BuildOptions, type WorkshopOutput } from './build.js';
export { WorkshopError, type WorkshopErrorCode, type WorkshopProblem } from './errors.js';
export { buildInvitationIcs, eventUid } from './ics.js';
export { message, type Locale, type MessageKey } from './messages/index.js';
export { parseWorkshop, validateWorkshop, type ParseOptions } from './parse.js';
export type { Paper } from './pdf/composer.js';
export type { FontFiles } from './pdf/fonts.js';
export { maxLengths, workshopJsonSchema, workshopSchema, type Invitee, type Workshop, type WorkshopFile } from './schema.js';

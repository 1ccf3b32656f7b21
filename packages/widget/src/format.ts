// Dates in words, in the intake's zone: one definition in core, shared with the server's mails.
export { formatDate, formatInstant } from '@narahubung/core';

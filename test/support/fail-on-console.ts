import { afterEach, beforeEach, vi } from 'vitest';

// A library that prints is a library that may print personal data: any stray console output
// fails the test that caused it (as zod's test run does).
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let printed: string[] = [];

beforeEach(() => {
  printed = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (printed.length > 0) {
    throw new Error(`unexpected console output:\n${printed.join('\n')}`);
  }
});

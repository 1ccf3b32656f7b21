import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, nestsDeeperThan } from './http.js';

/** The same value with every object's keys inserted in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key "__proto__" (which fc.jsonValue generates) must stay an own key.
    for (const key of Object.keys(value).reverse()) {
      Object.defineProperty(out, key, { value: reversed((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

describe('canonicalJson', () => {
  it('is JSON of the same value, and the same text whatever the key order (any JSON value)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).to.deep.equal(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reversed(value))).to.equal(text);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by code unit, integer-like keys included', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).to.equal('{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}');
    expect(canonicalJson({ '0': null, '': 0, '10': 1, '9': 2 })).to.equal('{"":0,"0":null,"10":1,"9":2}');
  });
});

describe('nestsDeeperThan', () => {
  it('measures depth without recursion, even for very deep values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 8)).to.equal(true);
    expect(nestsDeeperThan({ a: { b: { c: 1 } } }, 3)).to.equal(false);
    expect(nestsDeeperThan({ a: { b: { c: {} } } }, 3)).to.equal(true);
  });
});

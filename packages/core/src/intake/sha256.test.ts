import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256HexSync } from './sha256.js';
import { sha256Hex } from './http.js';

describe('sha256HexSync', () => {
  it('gives the published test vectors', () => {
    expect(sha256HexSync('')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).to.equal('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with WebCrypto on any bytes, across block boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(sha256HexSync(bytes)).to.equal(await sha256Hex(bytes));
      }),
      { numRuns: 200 },
    );
  });
});

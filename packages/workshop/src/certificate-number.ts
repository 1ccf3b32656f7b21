const romanMonths = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/**
 * A certificate's number from the pattern of `certificate.number`: `{seq}` (or `{seq:3}`, zero-padded
 * to 3 digits), `{year}`, `{month}` (two digits), `{monthRoman}` and `{day}` of the certificate's date.
 * @example certificateNumber('{seq:3}/SERT/ORI-LPG/{monthRoman}/{year}', 7, '2021-06-02') // '007/SERT/ORI-LPG/VI/2021'
 */
export function certificateNumber(pattern: string, sequence: number, date: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return pattern.replace(/\{(seq(?::([1-9]))?|year|month|monthRoman|day)\}/g, (_whole, name: string, width: string | undefined) => {
    if (name.startsWith('seq')) return String(sequence).padStart(Number(width ?? 0), '0');
    if (name === 'year') return year;
    if (name === 'month') return month;
    if (name === 'monthRoman') return romanMonths[Number(month) - 1] ?? month;
    return day;
  });
}

/**
 * The verification URL of a certificate: `{number}` in `certificate.verifyUrl` replaced by the
 * number (URL-encoded), or, without `{number}`, the number added as the query parameter `number`.
 * @example verificationUrl('https://example.id/cek?n={number}', '001/SERT/2021') // 'https://example.id/cek?n=001%2FSERT%2F2021'
 */
export function verificationUrl(url: string, number: string): string {
  const encoded = encodeURIComponent(number);
  if (url.includes('{number}')) return url.replaceAll('{number}', encoded);
  const hash = url.indexOf('#');
  const [base, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return `${base}${base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?'}number=${encoded}${fragment}`;
}

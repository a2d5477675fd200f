/** Characters that WinAnsi (the encoding of the built-in fonts) has beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Letters and signs with no WinAnsi form and no decomposition. */
const LOOKALIKES: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u200b': '',
};

function isPrintable(code: number): boolean {
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
}

/**
 * The built-in Helvetica only knows WinAnsi: accents outside it lose their mark (ő → o),
 * anything else becomes '?', control characters become spaces; newlines are kept.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (char === '\n' || isPrintable(code)) {
      out += char;
      continue;
    }
    if (char === '\t' || code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += ' ';
      continue;
    }
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base && [...base].every((c) => isPrintable(c.codePointAt(0) ?? 0))) out += base;
    else if (LOOKALIKES[char] !== undefined) out += LOOKALIKES[char];
    else if (code >= 0x2000 && code <= 0x200b) out += ' ';
    else out += '?';
  }
  return out;
}

/** User-entered text ready to print: WinAnsi, trimmed; '' for none. */
export function cleanText(value: string | null | undefined): string {
  return value ? toWinAnsi(value).trim() : '';
}

import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

/**
 * The letter's typeface: Noto Sans (SIL Open Font License), static TrueType files from the
 * @expo-google-fonts/noto-sans package. It covers Norwegian and Sámi letters, the euro sign and
 * the no-break spaces the amounts use. The fonts are embedded (as subsets) in every letter: no
 * system font is ever used, so the same input renders the same on any machine.
 *
 * The package version is pinned: another font build would give other bytes for the same letter.
 */
const FILES = {
  regular: '400Regular/NotoSans_400Regular.ttf',
  italic: '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  semiBold: '600SemiBold/NotoSans_600SemiBold.ttf',
  bold: '700Bold/NotoSans_700Bold.ttf',
} as const;

export type LetterFont = keyof typeof FILES;

let fonts: Record<LetterFont, Font> | undefined;

/**
 * The fonts, parsed once per process: parsing them takes most of the time of a render. pdfkit
 * keeps each document's glyph subset apart from the parsed font, and a render runs synchronously
 * from the first page to the end of the document, so renders can share them.
 */
export function letterFonts(): Record<LetterFont, Font> {
  fonts ??= Object.fromEntries(
    Object.entries(FILES).map(([name, file]) => {
      const font = create(readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${file}`)));
      if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
      return [name, font];
    }),
  ) as Record<LetterFont, Font>;
  return fonts;
}

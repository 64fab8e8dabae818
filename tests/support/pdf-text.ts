import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/** The text of every page of a PDF, read with pdf.js as a viewer would; pages joined by a form feed. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(
      content.items
        .filter((i): i is TextItem => 'str' in i)
        .map((i) => i.str + (i.hasEOL ? '\n' : ''))
        .join(''),
    );
  }
  return pages.join('\f');
}

import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';

/**
 * PDF pages drawn on a canvas by pdf.js. pdf.js is loaded only when a PDF is opened (it is not in
 * the console's first load), and its worker is bundled among the console's own files
 * (pdf.worker.ts; angular.json cannot copy from the workspace's node_modules, which lies outside
 * the console's project): nothing is fetched from anywhere else.
 */
export class PdfRenderer {
  private task: RenderTask | null = null;

  private constructor(private readonly pdf: PDFDocumentProxy) {}

  static async open(bytes: ArrayBuffer): Promise<PdfRenderer> {
    const pdfjs = await import('pdfjs-dist');
    // One worker for the session, started when the first PDF is opened.
    pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(new URL('./pdf.worker', import.meta.url), {
      type: 'module',
    });
    const pdf = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      // No eval: the Content-Security-Policy forbids it.
      isEvalSupported: false,
      enableXfa: false,
    }).promise;
    return new PdfRenderer(pdf);
  }

  get pages(): number {
    return this.pdf.numPages;
  }

  /** Draws a page to fit the width given (CSS pixels), sharp on high-density screens; returns its text. */
  async render(pageNumber: number, canvas: HTMLCanvasElement, width: number): Promise<string> {
    this.task?.cancel();
    const page = await this.pdf.getPage(pageNumber);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.max(0.25, width / base.width) });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    const context = canvas.getContext('2d');
    if (!context) return '';
    this.task = page.render({
      canvas,
      canvasContext: context,
      viewport,
      transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
    });
    try {
      await this.task.promise;
    } finally {
      this.task = null;
    }
    const text = await page.getTextContent();
    return text.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
      .join('')
      .trim();
  }

  destroy(): void {
    this.task?.cancel();
    void this.pdf.destroy();
  }
}

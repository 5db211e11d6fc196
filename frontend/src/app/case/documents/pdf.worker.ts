/// <reference lib="webworker" />
/**
 * pdf.js's worker, bundled by the console's build as a worker of its own (a file with a hashed
 * name among the console's files): pdf.js parses PDFs here, off the page's thread, and nothing is
 * fetched from elsewhere. The module starts listening for the page's messages when it loads.
 */
import 'pdfjs-dist/build/pdf.worker.min.mjs';

import { GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// The worker is a file of the app itself, so the CSP's default-src 'self' admits it.
GlobalWorkerOptions.workerSrc = workerUrl;

export { getDocument, TextLayer } from 'pdfjs-dist';

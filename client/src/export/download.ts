/** Hands a file to the browser's downloads (an object URL of our own page: nothing leaves the machine). */

/** Long enough for the browser to start the download; the URL is freed after. */
const REVOKE_AFTER_MS = 60_000;

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export function downloadText(text: string, type: string, fileName: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/**
 * Lets the browser save bytes as a file (a download from the extension page). Its own module so
 * that pages save a ZIP or an .xlsx without the zip or Excel library in their bundles.
 */
export function saveBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

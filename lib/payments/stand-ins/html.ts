/** Text put into the stand-ins' small HTML pages (checkout, QR code), escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

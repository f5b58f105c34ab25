import { escapeControl } from './escape.js';

/** Text for an XML attribute or element: control characters escaped first (XML 1.0 forbids most of them), then markup. */
export function xml(text: string): string {
  return escapeControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

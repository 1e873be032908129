import type { SinkMessage } from './mail-store.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2937}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb}
pre{white-space:pre-wrap;background:#f9fafb;padding:1rem}iframe{width:100%;height:60vh;border:1px solid #e5e7eb}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** `GET /`: newest first, each row links to the message view. */
export function renderList(messages: readonly SinkMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr><td>${escapeHtml(m.date)}</td><td>${escapeHtml(m.from)}</td>
<td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(
        m.subject || '(no subject)',
      )}</a></td></tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table><thead><tr><th>Date</th><th>From</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No mail yet.</p>';
  return page(
    'WebCall mail sink',
    `<h1>WebCall mail sink</h1><p>${messages.length} message(s); JSON at <a href="/api/messages">/api/messages</a>.</p>${table}`,
  );
}

/**
 * One message. The HTML part is shown in a sandboxed iframe (no scripts, no same origin),
 * so a mail cannot act on this page; everything else is escaped text.
 */
export function renderMessage(m: SinkMessage): string {
  const html = m.html ? `<h2>HTML</h2><iframe sandbox="" srcdoc="${escapeHtml(m.html)}"></iframe>` : '';
  return page(
    m.subject,
    `<p><a href="/">← all messages</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<p><b>From:</b> ${escapeHtml(m.from)}<br><b>To:</b> ${escapeHtml(m.to.join(', '))}<br><b>Date:</b> ${escapeHtml(m.date)}</p>
${html}<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>`,
  );
}

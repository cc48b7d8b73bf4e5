import { HttpError } from './shared/http-server.ts';

// Suna's chat page, rendered on the server as Next.js does: a thread of N messages, each
// escaped into HTML. It gives the stub a handler with a real, measured CPU cost, which
// bench/overhead needs to state instrumentation overhead against (an empty handler inflates it).

export const MAX_THREAD_MESSAGES = 1000;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function threadMessages(query: URLSearchParams): number {
  const raw = query.get('messages');
  if (raw === null) return 0;
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count > MAX_THREAD_MESSAGES) throw new HttpError(400, `messages must be a whole number 0..${MAX_THREAD_MESSAGES}`);
  return count;
}

export function renderThreadPage(threadId: string, messages: number): string {
  const parts: string[] = [];
  for (let i = 0; i < messages; i++) {
    const author = i % 2 === 0 ? 'user' : 'agent';
    const text = `Message ${i} in thread ${threadId}: the agent <searched> the "knowledge base" & found ${i * 7} documents; it summarised them for the user.`;
    parts.push(`<article class="message ${author}" data-index="${i}"><header>${author}</header><p>${escapeHtml(text)}</p></article>`);
  }
  const title = escapeHtml(`Suna chat ${threadId}`);
  return `<!doctype html><html><head><title>${title}</title></head><body><div id="__next"><main>${parts.join('')}</main></div></body></html>`;
}

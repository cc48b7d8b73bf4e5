// Reading an OpenAI-style chat request the way the LiteLLM proxy sees it (caller, key, tokens),
// and answering it in OpenAI's shape, whole or streamed as server-sent events.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, type Reply } from './shared/http-server.ts';
import { objectField, stringField } from './shared/input.ts';
import type { Values } from './litellm-metrics.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The label values the proxy knows about the caller before any model is picked. */
export function callerValues(req: IncomingMessage, route: string, body: Record<string, unknown>): Values {
  const metadata = objectField(body, 'metadata');
  const bearer = /^Bearer (sk-\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const userAgent = req.headers['user-agent'];
  return {
    end_user: stringField(body, 'user', { fallback: 'None', maxLength: 256 }),
    user: 'default_user_id',
    user_email: stringField(metadata, 'user_email', { fallback: 'None', maxLength: 256 }),
    hashed_api_key: bearer ? sha256(bearer) : 'None',
    client_ip: (req.socket.remoteAddress ?? 'None').replace(/^::ffff:/, ''),
    user_agent: typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, 256) : 'None',
    route,
  };
}

/** About 4 characters per token, as a tokenizer roughly counts English. */
export function promptTokens(body: Record<string, unknown>): number {
  const messages = body.messages;
  if (messages === undefined) return 1;
  if (!Array.isArray(messages)) throw new HttpError(400, 'messages must be an array');
  const chars = messages.reduce<number>((sum, m) => {
    const content = (m as { content?: unknown } | null)?.content;
    return sum + (typeof content === 'string' ? content.length : 0);
  }, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

export const openAiError = (status: number, message: string) => ({
  error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', param: null, code: String(status) },
});

export interface Completion {
  id: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

const CONTENT = 'stub completion';

export function completionReply(c: Completion, stream: boolean): Reply {
  const created = Math.floor(Date.now() / 1000);
  const usage = { prompt_tokens: c.promptTokens, completion_tokens: c.completionTokens, total_tokens: c.promptTokens + c.completionTokens };
  if (!stream) {
    return {
      json: {
        id: c.id,
        object: 'chat.completion',
        created,
        model: c.model,
        choices: [{ index: 0, message: { role: 'assistant', content: CONTENT }, finish_reason: 'stop' }],
        usage,
      },
    };
  }
  const chunk = (delta: unknown, finishReason: string | null, extra = {}) =>
    `data: ${JSON.stringify({ id: c.id, object: 'chat.completion.chunk', created, model: c.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
  const text = chunk({ role: 'assistant', content: CONTENT }, null) + chunk({}, 'stop', { usage }) + 'data: [DONE]\n\n';
  return { text, contentType: 'text/event-stream' };
}

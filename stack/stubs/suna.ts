/**
 * Suna stub: the web UI (Next.js) of the platform.
 *
 * Product: Suna (kortix-ai/suna), Next.js frontend. Neither Next.js nor Suna's frontend exposes
 * Prometheus metrics (frontend/package.json at commit 07f065a2 has no Prometheus client), so the
 * stub stands for "a Next.js app instrumented with prom-client": prom-client 15.1.3's default
 * metrics and the SPEC's HTTP metrics ("each service also exposes HTTP request metrics ... and its
 * runtime's default metrics"). stack/stubs/manifests/suna.json lists them, and the two default
 * families left out for their cost.
 *
 * Metrics:
 *   http_request_duration_seconds  histogram {method, route, status_code}, route = template
 *   http_requests_total            counter   {method, route, status_code}
 *   process_* and nodejs_*         prom-client default metrics (the Node.js runtime of Next.js)
 *
 * API (routes are Next.js templates, so /chat/[threadId] is one series whatever the id):
 *   GET  /                    the landing page (HTML)
 *   GET  /chat/[threadId]     a chat page (HTML); ?messages=N (0..1000) renders a thread of N messages
 *   POST /api/chat            {"message"?: string, "latency_ms"?: 0..5000 (default 20), "success"?: bool}
 *                             waits latency_ms, answers 200, or 502 when success is false.
 * Background: POST /api/chat {"latency_ms": 20} over loopback.
 */
import { Registry } from 'prom-client';
import { stubServiceInfo } from '../model/stub-services.ts';
import { createHttpMetrics } from './shared/http-metrics.ts';
import { collectNodeRuntimeMetrics } from './shared/runtime-metrics.ts';
import { HttpError } from './shared/http-server.ts';
import { booleanField, latencyField, sleep, stringField } from './shared/input.ts';
import { renderThreadPage, threadMessages } from './suna-page.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';

const PAGE = (title: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body><div id="__next">${title}</div></body></html>`;

const THREAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createSunaStub({ stopping, instrumentation }: StubLifecycle): StubDefinition {
  const registry = new Registry();
  collectNodeRuntimeMetrics(registry, instrumentation);
  const http = createHttpMetrics(registry, { skipRoutes: [stubServiceInfo('suna').metricsPath], instrumentation });

  return {
    registry,
    switchable: true,
    onResponse: (info) => http.observe(info),
    routes: [
      { method: 'GET', template: '/', handler: () => ({ text: PAGE('Suna'), contentType: 'text/html; charset=utf-8' }) },
      {
        method: 'GET',
        template: '/chat/[threadId]',
        handler: ({ params, query }) => {
          const threadId = params.threadId ?? '';
          if (!THREAD_ID.test(threadId)) throw new HttpError(404, 'no such thread');
          const messages = threadMessages(query);
          const text = messages === 0 ? PAGE('Suna chat') : renderThreadPage(threadId, messages);
          return { text, contentType: 'text/html; charset=utf-8' };
        },
      },
      {
        method: 'POST',
        template: '/api/chat',
        handler: async ({ readJson }) => {
          const body = await readJson();
          stringField(body, 'message', { fallback: '', maxLength: 8000 });
          const latencyMs = latencyField(body, 20);
          const success = booleanField(body, 'success', true);
          await sleep(latencyMs, stopping);
          if (!success) return { status: 502, json: { error: 'agent backend failed (dictated)' } };
          return { json: { reply: 'stub reply', latency_ms: latencyMs } };
        },
      },
    ],
    backgroundTick: async (client) => {
      await client.call('POST', '/api/chat', { latency_ms: 20 });
    },
  };
}

// The stub's model_list (one deployment per model name) and what its upstream provider answers:
// list prices, the configured tpm/rpm, and the x-ratelimit-remaining-* headers of a provider that
// grants exactly those limits per minute.

export interface Deployment {
  upstreamModel: string;
  provider: string;
  apiBase: string;
  usdPerInputToken: number;
  usdPerOutputToken: number;
  /** litellm_params tpm and rpm of the deployment. */
  tpm: number;
  rpm: number;
}

/** Public list prices, USD per token. */
export const DEPLOYMENTS: Record<string, Deployment> = {
  'gpt-4o-mini': { upstreamModel: 'gpt-4o-mini', provider: 'openai', apiBase: 'https://api.openai.com/v1', usdPerInputToken: 0.15e-6, usdPerOutputToken: 0.6e-6, tpm: 2_000_000, rpm: 5_000 },
  'gpt-4o': { upstreamModel: 'gpt-4o', provider: 'openai', apiBase: 'https://api.openai.com/v1', usdPerInputToken: 2.5e-6, usdPerOutputToken: 10e-6, tpm: 800_000, rpm: 5_000 },
  'claude-3-5-sonnet': { upstreamModel: 'claude-3-5-sonnet-20241022', provider: 'anthropic', apiBase: 'https://api.anthropic.com', usdPerInputToken: 3e-6, usdPerOutputToken: 15e-6, tpm: 400_000, rpm: 4_000 },
};

/** The exception class LiteLLM maps an upstream status to. */
export const FAILURE_CLASSES: Record<string, string> = {
  '400': 'BadRequestError',
  '401': 'AuthenticationError',
  '403': 'PermissionDeniedError',
  '404': 'NotFoundError',
  '408': 'Timeout',
  '429': 'RateLimitError',
  '500': 'InternalServerError',
  '502': 'APIConnectionError',
  '503': 'ServiceUnavailableError',
};

/** Requests and tokens each deployment used in the current minute, as the provider counts them. */
export function providerRateLimits(now: () => number = Date.now) {
  const used = new Map<string, { minute: number; requests: number; tokens: number }>();
  return (model: string, deployment: Deployment, tokens: number): { remainingRequests: number; remainingTokens: number } => {
    const minute = Math.floor(now() / 60_000);
    const current = used.get(model);
    const usage = current && current.minute === minute ? current : { minute, requests: 0, tokens: 0 };
    usage.requests += 1;
    usage.tokens += tokens;
    used.set(model, usage);
    return {
      remainingRequests: Math.max(0, deployment.rpm - usage.requests),
      remainingTokens: Math.max(0, deployment.tpm - usage.tokens),
    };
  };
}

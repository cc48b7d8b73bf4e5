import { createLiteLlmStub } from './litellm.ts';
import { createOnyxCoreStub } from './onyx-core.ts';
import { createQdrantStub } from './qdrant.ts';
import type { StubService } from '../model/stub-services.ts';
import { createStubRuntime, type Stub, type StubDefinition, type StubLifecycle, type StubOptions } from './shared/runtime.ts';
import { createSunaStub } from './suna.ts';

export { STUB_SERVICE_NAMES, STUB_SERVICES, stubServiceInfo, type StubService, type StubServiceInfo } from '../model/stub-services.ts';
export { DEFAULT_BACKGROUND_INTERVAL_MS, type Stub, type StubOptions } from './shared/runtime.ts';
export { LITELLM_PII_LABELS } from './litellm.ts';

const FACTORIES: Record<StubService, (lifecycle: StubLifecycle) => StubDefinition> = {
  suna: createSunaStub,
  'onyx-core': createOnyxCoreStub,
  litellm: createLiteLlmStub,
  qdrant: createQdrantStub,
};

/** A stub with its own prom-client Registry, so that several can run in one process. */
export function createStub(service: StubService, options: StubOptions): Stub {
  return createStubRuntime(FACTORIES[service], service, options);
}

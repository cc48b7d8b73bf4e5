// A fidelity manifest: what one released version of a product exposes on its /metrics, as
// data. The stub fidelity test scrapes each running stub and compares it with its manifest.
import { z } from 'zod';

export const FAMILY_TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'] as const;

export const manifestFamilySchema = z
  .object({
    /** The family name as the product's `# TYPE` line writes it in the text format (0.0.4). */
    name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/),
    type: z.enum(FAMILY_TYPES),
    /** Label names on its samples, without `le` and `quantile`. */
    labels: z.array(z.string()),
    /** Histogram upper bounds without +Inf, in order. */
    buckets: z.array(z.number()).optional(),
    /** Where in the product's source the family is defined (file path at the pinned tag). */
    source: z.string().optional(),
    /**
     * The release may write it with no samples after the same calls (a labelled gauge of what is
     * in flight right now, e.g. prom-client's nodejs_active_requests): then only its type is compared.
     */
    mayHaveNoSamples: z.boolean().optional(),
  })
  .strict();

export const leftOutFamilySchema = z.object({ name: z.string(), reason: z.string().min(10) }).strict();

export const stubManifestSchema = z
  .object({
    stub: z.enum(['suna', 'onyx-core', 'litellm', 'qdrant']),
    product: z.string(),
    /** A released version: a tag of the product's repository that anyone can check out. */
    version: z.string(),
    repository: z.string().url(),
    /** Why the version is the right one (where the tag's commit was found, what was read there), when not obvious. */
    evidence: z.string().min(10).optional(),
    /** The commit the tag points to, when known. */
    commit: z.string().regex(/^[0-9a-f]{7,40}$/).optional(),
    families: z.array(manifestFamilySchema).min(1),
    /** Families the release exposes that the stub leaves out (a feature we do not run), with why. */
    leftOut: z.array(leftOutFamilySchema),
  })
  .strict();

export type ManifestFamily = z.infer<typeof manifestFamilySchema>;
export type StubManifest = z.infer<typeof stubManifestSchema>;

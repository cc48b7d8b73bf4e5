import type { ReportSink } from '../../bench/report/lines.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import type { AcResult } from './ac-result.ts';

/** What a check gets: the running stack, a progress line printer, and the report's metric lines. */
export interface VerifyContext {
  info: StackInfo;
  log: (line: string) => void;
  /** Where a check or bench contributes metric lines (build them with metricLine from bench/report/lines.ts). */
  report: ReportSink;
}

/** One acceptance criterion: how to prove it from the running stack. verify runs them in order. */
export interface AcCheck {
  ac: string;
  title: string;
  /** Only reads (HTTP GETs, promtool in a container): may run against a deployment (`verify --target`). */
  readOnly?: boolean;
  run(ctx: VerifyContext): Promise<AcResult>;
}

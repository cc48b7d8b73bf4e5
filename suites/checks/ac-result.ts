/** The outcome of one acceptance check, as printed in the verify table and written to reports. */
export interface AcResult {
  ac: string;
  title: string;
  result: 'PASS' | 'FAIL' | 'NOT VERIFIED';
  /** The measured figure that decided it, in words a reader can check. */
  figure: string;
  /** How it was measured. */
  method: string;
  details: string[];
}

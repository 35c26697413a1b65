/** What each benchmark module reports; one module per figure, run in its own process by run.ts. */

export interface FigureResult {
  /** The row's name in the table. */
  figure: string;
  /** The target, in words ("p99 < 50 ms"). */
  aim: string;
  /** The measured value, in words and units. */
  result: string;
  /** Whether the aim was met; undefined for figures reported for context only. */
  met: boolean | undefined;
  /** Detail that explains the result (where the time or memory goes), printed under the table. */
  note?: string;
}

export type Progress = (line: string) => void;

export interface FigureModule {
  run(progress: Progress): Promise<FigureResult[]>;
}

export type GiftFormat = 'moodle' | 'html' | 'plain' | 'markdown';

/** A piece of GIFT text with its escapes resolved, in the format it was written in. */
export interface GiftText {
  format: GiftFormat;
  text: string;
}

export interface GiftReportItem {
  /** 1-based line of the GIFT file where the question starts. */
  line: number;
  /** The GIFT `::title::`, or the start of the question text when it has none. */
  title: string;
  /** Taken: the Karvan question type. Skipped: the GIFT kind (essay, description, multichoice, …). */
  type: string;
  /** Taken: what did not carry over exactly. Skipped: why. */
  reason?: string;
}

export interface GiftImport {
  /** A Karvan `::: quiz` block; empty when no question could be taken. */
  markdown: string;
  taken: GiftReportItem[];
  skipped: GiftReportItem[];
}

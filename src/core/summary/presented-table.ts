// The table shape every summary renderer draws (Slack text, Teams card, Markdown). Its own file so
// present-partners.ts and present-summary.ts can both use it without importing each other.

/** A small table: header cells and rows of cells, all text. */
export interface PresentedTable {
  columns: string[];
  rows: string[][];
}

// The plainest view: one already-translated text. Its own file so feature views (pulse-views.ts)
// can return it without importing views.ts, which imports every feature's view union.

export interface TextView {
  kind: "text";
  /** Already translated. */
  text: string;
}

/**
 * Every platform-neutral view the core asks a platform to show. Each platform's renderer switches
 * over `kind` exhaustively, so adding a view kind fails the type check until Slack and Teams both
 * render it. Features define their view types beside their code and add them here.
 */
import type { AllianceView } from "./alliance/alliance-views.js";
import type { LinkConfirmView } from "./alliance/space-link-views.js";
import type { LinkMergeView } from "./alliance/space-merge-views.js";
import type { CommitmentView } from "./commitments/commitment-views.js";
import type { CultureFitView } from "./culture-fit/culture-fit-views.js";
import type { PollView } from "./polls/poll-views.js";
import type { PulseView } from "./pulse/pulse-views.js";
import type { SummaryView } from "./summary/summary-views.js";
import type { TextView } from "./text-view.js";
export type { TextView } from "./text-view.js";

export type View = TextView | AllianceView | PollView | CommitmentView | SummaryView | PulseView | CultureFitView | LinkConfirmView | LinkMergeView;
export type ViewKind = View["kind"];

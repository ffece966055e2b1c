// The core services the Teams features call. Optional ones leave their commands answering
// "not available yet", so the platform works while features land one by one.
import type { AllianceService } from "#core/alliance/alliance-service.js";
import type { MemberService } from "#core/alliance/member-service.js";
import type { PrivacyService } from "#core/alliance/privacy-service.js";
import type { SpaceLinkService } from "#core/alliance/space-link-service.js";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import type { CultureFitService } from "#core/culture-fit/culture-fit-service.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import type { PulseService } from "#core/pulse/pulse-service.js";
import type { Locale } from "#core/shared/refs.js";
import type { View } from "#core/views.js";
import type { SummaryView } from "#core/summary/summary-views.js";
import type { MemberRepository } from "#core/alliance/member-repository.js";
import type { AlliancePollRelay } from "#core/polls/alliance-poll-relay.js";

/** Builds the trust-health summary on demand ("health"). */
export interface OnDemandSummary {
  current(allianceId: string, locale: Locale, now: Date): Promise<SummaryView>;
}

/** Every service a Teams feature may use. */
export interface TeamsServices {
  members: MemberService;
  alliances: AllianceService;
  /** Names for commitment cards and the like (display names, never e-mail). */
  memberRepository: MemberRepository;
  privacy?: PrivacyService | undefined;
  commitments?: CommitmentService | undefined;
  polls?: PollService | undefined;
  pulse?: PulseService | undefined;
  culture?: CultureFitService | undefined;
  /**
   * Queues a view for a member in a 1:1 chat on their own platform (a Slack member of a linked
   * space), through the outbox; false when they cannot be reached.
   */
  notifyMember?: ((memberId: string, view: View, locale: Locale, dedupeKey: string) => Promise<boolean>) | undefined;
  /** Posts alliance polls into every linked space's alliance channel and fans their updates out. */
  pollRelay?: AlliancePollRelay | undefined;
  /** Linking this Teams organisation with other spaces into one alliance ("link", "unlink"). */
  links?: SpaceLinkService | undefined;
  summary?: OnDemandSummary | undefined;
}

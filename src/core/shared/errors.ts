/**
 * Errors the domain raises on purpose. Adapters choose what to tell the user by `code`
 * (through the message catalogue), never by `message`, which is for logs only.
 */
export type DomainErrorCode =
  // generic
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "CONFLICT"
  // an id from a client that is not the actor's alliance's (or does not exist)
  | "UNKNOWN_ORGANIZATION"
  | "UNKNOWN_MEMBER"
  // polls
  | "POLL_CLOSED"
  | "POLL_TOO_FEW_OPTIONS"
  | "POLL_TOO_MANY_OPTIONS"
  | "POLL_DUPLICATE_OPTION"
  | "POLL_TOO_MANY_CHOICES"
  | "POLL_UNKNOWN_OPTION"
  | "POLL_DEADLINE_IN_PAST"
  | "POLL_DEADLINE_TOO_FAR"
  | "POLL_INVALID_QUESTION"
  | "POLL_INVALID_OPTION"
  | "POLL_INVALID_MAX_CHOICES"
  | "POLL_INVALID_RECURRENCE"
  | "POLL_NO_CHOICE"
  | "POLL_RESULTS_HIDDEN"
  | "POLL_ANONYMOUS_VOTERS_UNKNOWN"
  | "POLL_UNKNOWN_TEMPLATE"
  // commitments
  | "COMMITMENT_NOT_FOUND"
  | "COMMITMENT_ILLEGAL_TRANSITION"
  | "COMMITMENT_DUE_DATE_UNPARSEABLE"
  | "COMMITMENT_DUE_DATE_IN_PAST"
  | "COMMITMENT_RENEGOTIATE_AFTER_DUE"
  | "COMMITMENT_NOT_BENEFICIARY"
  | "COMMITMENT_OWN_REPORT"
  | "COMMITMENT_NOT_OWNER"
  | "COMMITMENT_WITHDRAW_AFTER_DUE"
  | "COMMITMENT_TEXT_LENGTH"
  // pulse
  | "PULSE_ROUND_CLOSED"
  | "PULSE_UNKNOWN_ITEM"
  | "PULSE_INVALID_SCORE"
  | "PULSE_COMMENT_TOO_LONG"
  | "PULSE_NOT_INVITED"
  | "PULSE_UNKNOWN_TARGET"
  // culture fit
  | "CULTURE_POINTS_NOT_100"
  | "CULTURE_NEGATIVE_POINTS"
  | "CULTURE_MISSING_ASPECT"
  | "CULTURE_POINTS_NOT_INTEGER"
  | "CULTURE_UNKNOWN_ASPECT"
  // alliance / membership
  | "ALLIANCE_NOT_CONFIGURED"
  | "MEMBER_WITHOUT_ORGANIZATION"
  | "ANONYMITY_THRESHOLD_TOO_LOW"
  | "ALLIANCE_TOO_FEW_ORGANIZATIONS"
  | "ALLIANCE_TOO_MANY_ORGANIZATIONS"
  | "ALLIANCE_DUPLICATE_ORGANIZATION"
  | "ALLIANCE_MAPPING_CLAIMED_TWICE"
  | "ALLIANCE_INVALID_TIMEZONE"
  | "ALLIANCE_ORGANIZATION_IN_USE"
  | "ALLIANCE_LAST_ADMIN"
  | "MEMBER_ERASED"
  // linking spaces into one alliance
  | "LINK_CODE_UNKNOWN"
  | "LINK_CODE_EXPIRED"
  | "LINK_CODE_USED"
  | "LINK_ALREADY_LINKED"
  | "LINK_SPACE_IN_OTHER_ALLIANCE"
  | "LINK_MERGE_REQUIRED"
  | "LINK_MERGE_NOT_NEEDED"
  | "LINK_MERGE_MAPPING_INCOMPLETE"
  | "LINK_MERGE_MAPPING_INVALID"
  | "LINK_NOT_LINKED";

/** A rule of the domain said no. `details` carries values for the user-facing message. */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string = code,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** True when `error` is a DomainError, optionally with the given code. */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

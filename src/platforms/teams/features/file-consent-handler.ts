// The fileConsent/invoke route: on "Allow", export the member's data again and upload it to the
// OneDrive URL Teams handed us, then show the file in the chat. Only the member the offer was
// made to may accept it.
import { translate } from "#core/i18n/catalogue.js";
import { DomainError } from "#core/shared/errors.js";
import type { Logger } from "#src/logger.js";
import type { Dispatcher } from "../handlers/dispatch.js";
import { parseInbound } from "../handlers/inbound-activity.js";
import { IN_TURN_POLICY } from "../transport/send-queue.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import type { TeamsServices } from "../teams-services.js";
import { fileConsentInvokeSchema, fileInfoAttachment, uploadToConsentUrl } from "./file-consent.js";
import { myDataFile } from "./privacy-feature.js";

/** Builds the handler; it answers the invoke itself (nothing to return but 200). */
export function fileConsentHandler(deps: { dispatcher: Dispatcher; services: TeamsServices; connector: TeamsConnector; logger: Logger; fetchImpl?: typeof fetch }) {
  return async (raw: unknown): Promise<void> => {
    const activity = parseInbound(raw);
    const consent = fileConsentInvokeSchema.safeParse(activity?.value);
    if (!activity || !consent.success) return;
    const { action, context, uploadInfo } = consent.data;
    await deps.dispatcher.withTurn(activity, async (turn, reply) => {
      if (context.memberId !== turn.member.memberId) throw new DomainError("FORBIDDEN", "file consent answered by another member");
      if (action === "decline" || !uploadInfo) {
        await reply({ text: translate(turn.locale, "common.cancel") });
        return;
      }
      const offer = await myDataFile(deps.services, turn.member.memberId, turn.locale);
      await uploadToConsentUrl(uploadInfo.uploadUrl, offer.content, deps.logger, deps.fetchImpl);
      await deps.connector.send(turn.target, { attachments: [fileInfoAttachment(uploadInfo)] }, IN_TURN_POLICY);
    });
  };
}

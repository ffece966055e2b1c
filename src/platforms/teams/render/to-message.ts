// A rendered view as the message the Bot Connector receives.
import type { OutgoingMessage } from "../transport/teams-connector.js";
import { cardAttachment } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Text and/or the Adaptive Card attachment; files travel separately (file consent). */
export function toMessage(render: CardRender): OutgoingMessage {
  return {
    ...(render.text !== undefined ? { text: render.text } : {}),
    ...(render.card ? { attachments: [cardAttachment(render.card)] } : {}),
    ...(render.card && render.summary ? { summary: render.summary } : {}),
  };
}

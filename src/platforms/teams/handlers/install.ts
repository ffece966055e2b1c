// Installation into a team, a group chat or a personal scope, and removal from one. Teams sends
// conversationUpdate (membersAdded / membersRemoved includes the bot) and installationUpdate
// (action add / remove, or add-upgrade / remove-upgrade when an app update adds or drops the bot);
// the SDK routes both here. On arrival we store the conversation reference so the scheduler can
// post there later, greet once, and call off a pending erasure of the tenant. When the bot is
// removed from a team or group chat, the tenant's uninstall is recorded exactly as Slack's
// app_uninstalled does: its personal data is erased RETENTION_DAYS_AFTER_UNINSTALL days later
// unless the bot is added again or hears from the tenant before then (tenant-activity.ts).
// Removal from one person's personal scope concerns that person only and starts nothing.
import { translate } from "#core/i18n/catalogue.js";
import type { UninstallRetention } from "#core/alliance/uninstall-retention.js";
import type { Logger } from "#src/logger.js";
import type { Dispatcher } from "./dispatch.js";
import { conversationKindOf, parseInbound, tenantOf, type InboundActivity } from "./inbound-activity.js";

/** What the install handlers need besides the dispatcher. */
export interface InstallDeps {
  /** Records a tenant's uninstall (starts the retention period) and its reinstall (calls it off). */
  retention?: Pick<UninstallRetention, "recordUninstall" | "recordReinstall"> | undefined;
  /** Told when this instance recorded an uninstall (the activity tracker must check the tenant again). */
  onUninstallRecorded?: ((tenantId: string) => void) | undefined;
  logger: Logger;
}

/** conversationUpdate: store the reference and say hello when the bot itself was added; note its removal. */
export async function onConversationUpdate(raw: unknown, dispatcher: Dispatcher, deps: InstallDeps): Promise<void> {
  const activity = parseInbound(raw);
  if (!activity) return;
  const isBot = (member: { id: string }) => member.id === activity.recipient.id;
  if (activity.membersRemoved?.some(isBot)) return onBotRemoved(activity, deps);
  // A user joining or leaving a team is not news for us; only our own arrival is.
  if (!activity.membersAdded?.some(isBot)) return;
  await onBotAdded(activity, deps);
  await dispatcher.withTurn(activity, async (turn, reply) => {
    const name = turn.member.displayName;
    // Join events carry no name; without one from the member API we greet without a name.
    const text =
      turn.kind !== "personal"
        ? translate(turn.locale, "teams.welcome.channel")
        : name
          ? translate(turn.locale, "teams.welcome.personal", { name })
          : translate(turn.locale, "teams.welcome.personalNoName");
    await reply({ text });
  });
}

/** installationUpdate: "add" and "add-upgrade" store the reference; "remove" and "remove-upgrade" note the removal. */
export async function onInstallationUpdate(raw: unknown, dispatcher: Dispatcher, deps: InstallDeps): Promise<void> {
  const activity = parseInbound(raw);
  if (!activity) return;
  if (activity.action?.startsWith("remove")) return onBotRemoved(activity, deps);
  if (!activity.action?.startsWith("add")) return;
  await onBotAdded(activity, deps);
  await dispatcher.withTurn(activity, async () => undefined);
}

async function onBotAdded(activity: InboundActivity, deps: InstallDeps): Promise<void> {
  const tenantId = tenantOf(activity);
  if (tenantId) await deps.retention?.recordReinstall("teams", tenantId);
}

async function onBotRemoved(activity: InboundActivity, deps: InstallDeps): Promise<void> {
  const tenantId = tenantOf(activity);
  const kind = conversationKindOf(activity);
  if (!tenantId || kind === "personal") {
    deps.logger.info({ tenantId, kind }, "Teams app removed from a personal scope: nothing to erase");
    return;
  }
  // Recorded before answering: if the database is down this throws, Teams gets 500 and retries.
  const retention = await deps.retention?.recordUninstall("teams", tenantId);
  deps.onUninstallRecorded?.(tenantId);
  deps.logger.info({ tenantId, kind, personalDataErasedAfter: retention?.eraseAfter }, "Teams app removed from a team or group chat: tenant uninstall recorded");
}

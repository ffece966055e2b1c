import { defineMessages } from "../define-messages.js";

/**
 * The admin's notice that scheduled 1:1 messages (pulse questions, reminders, agreement
 * check-ins) could not reach some members, and how to fix that on their platform.
 * {names} is a list of display names; {occasion} one of the `reach.occasion.*` texts.
 */
export const reachMessages = defineMessages(
  {
    "reach.unreachable.intro": "I could not send {occasion} to everyone. Not reached: {names}.",
    "reach.occasion.pulse_round": "this round's pulse questions",
    "reach.occasion.pulse_reminder": "the pulse reminder",
    "reach.occasion.commitment_before_due": "the reminder about an agreement that is almost due",
    "reach.occasion.commitment_due_today": "the question whether an agreement due today was kept",
    "reach.fix.slack.user_unknown":
      "{names}: Slack does not let me send them a direct message — they may have left the workspace, been deactivated, or turned off messages from apps. Check their account in Slack; as soon as they open the bot under Apps and write to it, I can reach them again.",
    "reach.fix.slack.app_not_installed": "{names}: the app is not installed in their Slack workspace. Install it there (Add to Slack) and I will reach them from the next message on.",
    "reach.fix.slack.refused":
      "{names}: Slack refused to open a direct message with them. Check that the app is still installed with permission to send direct messages, and reinstall it if needed.",
    "reach.fix.teams.user_unknown": "{names}: Teams does not know them in your organisation (any more). If they are still with you, check their account and install the app for them.",
    "reach.fix.teams.app_not_installed":
      "{names}: the app is not installed for them in Teams, so I cannot start a chat with them. Install the app for them (Teams admin center → Manage apps, or an app setup policy), or add it to a team they are in. I will reach them from the next message on.",
    "reach.fix.teams.refused": "{names}: Teams refused to start a chat with them. Check that your organisation's app policies allow the app for them and that it is installed for them.",
  },
  {
    "reach.unreachable.intro": "Ik kon {occasion} niet naar iedereen sturen. Niet bereikt: {names}.",
    "reach.occasion.pulse_round": "de pulsevragen van deze ronde",
    "reach.occasion.pulse_reminder": "de herinnering aan de pulse",
    "reach.occasion.commitment_before_due": "de herinnering aan een afspraak die bijna afloopt",
    "reach.occasion.commitment_due_today": "de vraag of een afspraak die vandaag afloopt is nagekomen",
    "reach.fix.slack.user_unknown":
      "{names}: Slack laat me geen direct bericht sturen — misschien hebben ze de workspace verlaten, zijn ze gedeactiveerd of staan berichten van apps uit. Controleer hun account in Slack; zodra ze de bot onder Apps openen en iets sturen, kan ik ze weer bereiken.",
    "reach.fix.slack.app_not_installed": "{names}: de app is niet geïnstalleerd in hun Slack-workspace. Installeer hem daar (Add to Slack), dan bereik ik ze vanaf het volgende bericht.",
    "reach.fix.slack.refused":
      "{names}: Slack weigerde een direct bericht met ze te openen. Controleer of de app nog geïnstalleerd is met toestemming om directe berichten te sturen, en installeer hem zo nodig opnieuw.",
    "reach.fix.teams.user_unknown": "{names}: Teams kent ze (niet meer) in jullie organisatie. Als ze er nog zijn, controleer dan hun account en installeer de app voor ze.",
    "reach.fix.teams.app_not_installed":
      "{names}: de app is voor hen niet geïnstalleerd in Teams, dus ik kan geen chat met ze beginnen. Installeer de app voor ze (Teams-beheercentrum → Apps beheren, of een app-installatiebeleid), of voeg hem toe aan een team waarin ze zitten. Vanaf het volgende bericht bereik ik ze dan.",
    "reach.fix.teams.refused": "{names}: Teams weigerde een chat met ze te beginnen. Controleer of het app-beleid van jullie organisatie de app voor hen toestaat en of hij voor ze geïnstalleerd is.",
  },
);

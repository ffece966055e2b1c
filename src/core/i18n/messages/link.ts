import { defineMessages } from "../define-messages.js";

/**
 * Linking spaces (Slack workspaces, Teams organisations) into one alliance: the one-time code,
 * the confirmation that names the alliance and its partners, and every refusal.
 * {howTo} is the platform's way to enter a code ("/trust link CODE" or "link CODE").
 */
export const linkMessages = defineMessages(
  {
    "teams.command.link": "link",
    "teams.command.unlink": "unlink",
    "alliance.help.link": "Admins: link this space with a Slack workspace or Teams organisation into one alliance (“link” gives a one-time code, “link CODE” uses one, “unlink” leaves).",
    "alliance.help.trust.link": "/trust link: one alliance across Slack and Teams — a one-time code for the other space's admin; /trust link CODE joins, /trust unlink leaves (admins)",
    "link.code.issued":
      "Your one-time link code for the alliance “{alliance}”: {code}\nGive it to an admin of the other Slack workspace or Teams organisation; they enter {howTo}. The code works once and expires on {expires}. Only you can see this message.",
    "link.howTo.slack": "/trust link {code}",
    "link.howTo.teams": "link {code} (in a chat with the bot)",
    "link.confirm.title": "Join the alliance “{alliance}”?",
    "link.confirm.text":
      "This space will join the alliance “{alliance}”. Partner organisations: {organizations}. Spaces already in it: {spaces}. Everyone keeps working in their own chat tool; settings (time zone, language, cadences, k) become the alliance's, channels stay this space's own.",
    "link.confirm.newOrganizations": "Your organisations that are new to the alliance and will be added: {names}.",
    "link.confirm.confirm": "Join the alliance",
    "link.confirm.cancel": "Cancel",
    "link.cancelled": "Nothing was linked. The code stays valid until it expires.",
    "link.done": "This space is now part of the alliance “{alliance}” with {organizations}. An admin can run setup here to choose this space's steering channel.",
    "link.unlinked": "This space has left the alliance “{alliance}” and is an alliance of its own again. The alliance keeps its history (polls, agreements, pulse figures, summaries).",
    "link.none": "none yet",
    "link.space.slack": "{name} (Slack)",
    "link.space.teams": "{name} (Teams)",
    "link.personalOnly": "Link codes are secret: please write “{command}” to me in a 1:1 chat.",
    "error.LINK_CODE_UNKNOWN": "That link code is not valid. Check it for typos, or ask the other admin for a new one.",
    "error.LINK_CODE_EXPIRED": "That link code has expired (codes last 24 hours). Ask the other admin for a new one.",
    "error.LINK_CODE_USED": "That link code has already been used; each code works once. Ask the other admin for a new one.",
    "error.LINK_ALREADY_LINKED": "This space is already part of that alliance.",
    "error.LINK_SPACE_IN_OTHER_ALLIANCE":
      "This space is linked with other spaces in the alliance “{alliance}”. An admin must unlink it there first; then enter the code again.",
    "error.LINK_MERGE_REQUIRED":
      "This space already has its own alliance “{alliance}” with polls, agreements, pulse answers or culture assessments. Joining would need a merge that maps its organisations onto the other alliance's, and the bot cannot merge alliances yet — nothing was changed. Link from the other side instead (enter a code from this space there), if that space has no history of its own.",
    "error.LINK_NOT_LINKED": "This space is not linked with any other space, so there is nothing to unlink.",
  },
  {
    "teams.command.link": "koppelen",
    "teams.command.unlink": "ontkoppelen",
    "alliance.help.link": "Beheerders: koppel deze ruimte met een Slack-workspace of Teams-organisatie tot één alliantie (“koppelen” geeft een eenmalige code, “koppelen CODE” gebruikt er een, “ontkoppelen” maakt los).",
    "alliance.help.trust.link": "/trust koppelen: één alliantie over Slack en Teams — een eenmalige code voor de beheerder van de andere ruimte; /trust koppelen CODE sluit aan, /trust ontkoppelen maakt los (beheerders)",
    "link.code.issued":
      "Je eenmalige koppelcode voor de alliantie “{alliance}”: {code}\nGeef hem aan een beheerder van de andere Slack-workspace of Teams-organisatie; die voert {howTo} in. De code werkt één keer en verloopt op {expires}. Alleen jij ziet dit bericht.",
    "link.howTo.slack": "/trust koppelen {code}",
    "link.howTo.teams": "koppelen {code} (in een chat met de bot)",
    "link.confirm.title": "Aansluiten bij de alliantie “{alliance}”?",
    "link.confirm.text":
      "Deze ruimte sluit aan bij de alliantie “{alliance}”. Partnerorganisaties: {organizations}. Ruimtes die al meedoen: {spaces}. Iedereen blijft in de eigen chattool werken; instellingen (tijdzone, taal, ritme, k) worden die van de alliantie, kanalen blijven van deze ruimte.",
    "link.confirm.newOrganizations": "Jullie organisaties die nieuw zijn in de alliantie en worden toegevoegd: {names}.",
    "link.confirm.confirm": "Aansluiten",
    "link.confirm.cancel": "Annuleren",
    "link.cancelled": "Er is niets gekoppeld. De code blijft geldig tot hij verloopt.",
    "link.done": "Deze ruimte hoort nu bij de alliantie “{alliance}” met {organizations}. Een beheerder kan hier de instellingen openen om het stuurgroepkanaal van deze ruimte te kiezen.",
    "link.unlinked": "Deze ruimte heeft de alliantie “{alliance}” verlaten en is weer een eigen alliantie. De alliantie houdt haar geschiedenis (peilingen, afspraken, pulsecijfers, samenvattingen).",
    "link.none": "nog geen",
    "link.space.slack": "{name} (Slack)",
    "link.space.teams": "{name} (Teams)",
    "link.personalOnly": "Koppelcodes zijn geheim: stuur “{command}” naar mij in een 1-op-1-chat.",
    "error.LINK_CODE_UNKNOWN": "Die koppelcode is niet geldig. Controleer hem op tikfouten, of vraag de andere beheerder om een nieuwe.",
    "error.LINK_CODE_EXPIRED": "Die koppelcode is verlopen (codes gelden 24 uur). Vraag de andere beheerder om een nieuwe.",
    "error.LINK_CODE_USED": "Die koppelcode is al gebruikt; elke code werkt één keer. Vraag de andere beheerder om een nieuwe.",
    "error.LINK_ALREADY_LINKED": "Deze ruimte hoort al bij die alliantie.",
    "error.LINK_SPACE_IN_OTHER_ALLIANCE":
      "Deze ruimte is gekoppeld aan andere ruimtes in de alliantie “{alliance}”. Een beheerder moet haar daar eerst ontkoppelen; voer daarna de code opnieuw in.",
    "error.LINK_MERGE_REQUIRED":
      "Deze ruimte heeft al een eigen alliantie “{alliance}” met peilingen, afspraken, pulseantwoorden of cultuurmetingen. Aansluiten vraagt een samenvoeging die haar organisaties op die van de andere alliantie afbeeldt, en dat kan de bot nog niet — er is niets veranderd. Koppel eventueel andersom (voer daar een code van deze ruimte in), als die ruimte zelf nog geen geschiedenis heeft.",
    "error.LINK_NOT_LINKED": "Deze ruimte is aan geen andere ruimte gekoppeld, dus er valt niets te ontkoppelen.",
  },
);

import { defineMessages } from "../define-messages.js";

/** Strings shared by every feature: generic errors, yes/no, the help text. */
export const commonMessages = defineMessages(
  {
    "error.NOT_FOUND": "I couldn't find that. It may have been removed.",
    "error.FORBIDDEN": "You're not allowed to do that.",
    "error.INVALID_INPUT": "That input doesn't look right: {reason}",
    "error.CONFLICT": "Someone changed this at the same time. Please try again.",
    "error.unexpected": "Something went wrong on our side. Please try again in a moment.",
    "error.ALLIANCE_NOT_CONFIGURED": "This workspace isn't set up for an alliance yet. An admin can run setup first.",
    "error.MEMBER_WITHOUT_ORGANIZATION": "I don't know which partner organisation you belong to yet. Please pick one first.",
    "error.ANONYMITY_THRESHOLD_TOO_LOW": "The anonymity threshold can't be lower than {min}.",
    "common.yes": "Yes",
    "common.no": "No",
    "common.cancel": "Cancel",
    "common.submit": "Submit",
    "common.save": "Save",
    "common.formerMember": "former member",
    "common.hiddenForAnonymity": "hidden (fewer than {k} people)",
  },
  {
    "error.NOT_FOUND": "Dat kon ik niet vinden. Misschien is het verwijderd.",
    "error.FORBIDDEN": "Dat mag je niet doen.",
    "error.INVALID_INPUT": "Die invoer klopt niet helemaal: {reason}",
    "error.CONFLICT": "Iemand anders wijzigde dit tegelijk. Probeer het nog eens.",
    "error.unexpected": "Er ging aan onze kant iets mis. Probeer het zo nog eens.",
    "error.ALLIANCE_NOT_CONFIGURED": "Deze werkruimte is nog niet ingericht voor een alliantie. Een beheerder kan eerst de setup doen.",
    "error.MEMBER_WITHOUT_ORGANIZATION": "Ik weet nog niet bij welke partnerorganisatie je hoort. Kies er eerst een.",
    "error.ANONYMITY_THRESHOLD_TOO_LOW": "De anonimiteitsdrempel kan niet lager zijn dan {min}.",
    "common.yes": "Ja",
    "common.no": "Nee",
    "common.cancel": "Annuleren",
    "common.submit": "Versturen",
    "common.save": "Opslaan",
    "common.formerMember": "voormalig lid",
    "common.hiddenForAnonymity": "verborgen (minder dan {k} personen)",
  },
);

/**
 * Ready-made alliance polls in English and Dutch. Each option carries a stable key so analyses
 * (trust health's "say vs do") know what an option stands for: a poll stores its `templateKey`,
 * and option position i of that poll means `template.options[i].key`.
 */
import type { Locale } from "../shared/refs.js";
import type { Poll, PollMode } from "./poll.js";

/** One option of a template in both languages. */
export interface PollTemplateOption {
  key: string;
  label: Record<Locale, string>;
}

/** A ready-made poll. */
export interface PollTemplate {
  key: string;
  question: Record<Locale, string>;
  options: readonly PollTemplateOption[];
  mode: PollMode;
  /** For multiple choice. */
  maxChoices?: number;
  /** Suggested; the creator may change it. */
  anonymous: boolean;
}

/** The brief's LinkedIn question; its option keys are the trust-health pillars. */
export const COLLABORATION_PRIORITIES_TEMPLATE = "collaboration-priorities";

/** Every template, the brief's question first. */
export const POLL_TEMPLATES: readonly PollTemplate[] = [
  {
    key: COLLABORATION_PRIORITIES_TEMPLATE,
    question: {
      en: "What matters most to you when collaborating with other organisations?",
      nl: "Wat is voor jou het belangrijkste bij samenwerken met andere organisaties?",
    },
    options: [
      { key: "trust", label: { en: "Trust", nl: "Vertrouwen" } },
      { key: "reliability", label: { en: "Reliability", nl: "Betrouwbaarheid" } },
      { key: "transparency", label: { en: "Transparency", nl: "Transparantie" } },
      { key: "reciprocity", label: { en: "Reciprocity", nl: "Wederkerigheid" } },
      { key: "clear_agreements", label: { en: "Clear agreements", nl: "Duidelijke afspraken" } },
    ],
    mode: "single",
    anonymous: true,
  },
  {
    key: "weakest-foundation",
    question: {
      en: "Where does our collaboration need the most work right now?",
      nl: "Waar heeft onze samenwerking nu het meeste werk nodig?",
    },
    options: [
      { key: "reliability", label: { en: "Keeping agreements", nl: "Afspraken nakomen" } },
      { key: "reciprocity", label: { en: "Give and take", nl: "Geven en nemen" } },
      { key: "transparency", label: { en: "Openness about our own interests", nl: "Openheid over eigen belangen" } },
      { key: "clear_agreements", label: { en: "Clearer agreements", nl: "Duidelijkere afspraken" } },
      { key: "shared_direction", label: { en: "A shared view of where we are going", nl: "Een gedeeld beeld van waar we heen gaan" } },
    ],
    mode: "multiple",
    maxChoices: 2,
    anonymous: true,
  },
  {
    key: "backing-after-setback",
    question: {
      en: "If something goes wrong in our project, how confident are you that the partners will back each other?",
      nl: "Als er iets misgaat in ons project, hoe zeker ben je dat de partners elkaar steunen?",
    },
    options: [
      { key: "very_confident", label: { en: "Very confident", nl: "Heel zeker" } },
      { key: "fairly_confident", label: { en: "Fairly confident", nl: "Redelijk zeker" } },
      { key: "unsure", label: { en: "Unsure", nl: "Twijfel" } },
      { key: "not_confident", label: { en: "Not confident", nl: "Niet zeker" } },
    ],
    mode: "single",
    anonymous: true,
  },
  {
    key: "meeting-usefulness",
    question: {
      en: "How useful was our last alliance meeting?",
      nl: "Hoe nuttig was ons laatste alliantieoverleg?",
    },
    options: [
      { key: "very_useful", label: { en: "Very useful", nl: "Heel nuttig" } },
      { key: "useful", label: { en: "Useful", nl: "Nuttig" } },
      { key: "so_so", label: { en: "So-so", nl: "Matig" } },
      { key: "not_useful", label: { en: "Not useful", nl: "Niet nuttig" } },
    ],
    mode: "single",
    anonymous: true,
  },
  {
    key: "risk-appetite",
    question: {
      en: "How much risk are you willing to take together with the partners in this alliance?",
      nl: "Hoeveel risico wil je samen met de partners in deze alliantie nemen?",
    },
    options: [
      { key: "high", label: { en: "A lot: let's experiment", nl: "Veel: laten we experimenteren" } },
      { key: "moderate", label: { en: "Some, step by step", nl: "Wat, stap voor stap" } },
      { key: "low", label: { en: "Little: first prove it works", nl: "Weinig: eerst bewijzen dat het werkt" } },
    ],
    mode: "single",
    anonymous: true,
  },
  {
    key: "decision-priority",
    question: {
      en: "Which topic should the steering committee discuss first?",
      nl: "Welk onderwerp moet de stuurgroep als eerste bespreken?",
    },
    options: [
      { key: "goals", label: { en: "Shared goals", nl: "Gezamenlijke doelen" } },
      { key: "roles", label: { en: "Roles and responsibilities", nl: "Rollen en verantwoordelijkheden" } },
      { key: "resources", label: { en: "Resources and budget", nl: "Middelen en budget" } },
      { key: "communication", label: { en: "How we communicate", nl: "Hoe we communiceren" } },
    ],
    mode: "single",
    anonymous: false,
  },
];

/** The template with `key`, or undefined. */
export function findPollTemplate(key: string): PollTemplate | undefined {
  return POLL_TEMPLATES.find((template) => template.key === key);
}

/**
 * What each option of `poll` stands for, by option id: the template's option keys by position.
 * Empty when the poll was not made from a known template or its options no longer line up.
 */
export function optionKeysOf(poll: Pick<Poll, "templateKey" | "options">): Map<string, string> {
  const template = poll.templateKey === null ? undefined : findPollTemplate(poll.templateKey);
  if (template === undefined || template.options.length !== poll.options.length) return new Map();
  const keys = new Map<string, string>();
  for (const option of poll.options) {
    const key = template.options[option.position]?.key;
    if (key === undefined) return new Map();
    keys.set(option.id, key);
  }
  return keys;
}

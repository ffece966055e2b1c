// The sample alliance of `npm run demo`: three Dutch partners working on a climate-proof river
// town, their people, and the agreements they make. Plain data; demo-timeline.ts decides when
// things happen and demo-answers.ts how people answer.

/** The partner organisations, by a short key. */
export type DemoOrgKey = "gemeente" | "delta" | "brug";

/** One partner organisation of the demo. */
export interface DemoOrganization {
  key: DemoOrgKey;
  name: string;
  /** Members are mapped to their organisation by this e-mail domain, as in a real install. */
  domain: string;
  people: readonly string[];
}

/** A person of the demo: their organisation and position in its `people` list. */
export interface DemoPerson {
  org: DemoOrgKey;
  index: number;
}

export const DEMO_ALLIANCE_NAME = "Alliantie Rivierstad Klimaatbestendig";
export const DEMO_WORKSPACE = { platform: "slack" as const, externalId: "T0DEMO0001", name: "Rivierstad Alliantie" };
export const DEMO_STEERING_CHANNEL = "C0STUURGROEP";

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    key: "gemeente",
    name: "Gemeente Rivierstad",
    domain: "rivierstad.nl",
    people: ["Anne de Vries", "Mohamed El Amrani", "Sanne Jansen", "Pieter Bakker", "Fatima Yilmaz", "Joris van Dijk", "Eva Visser", "Thomas Smit", "Lotte Meijer", "Ruben de Boer"],
  },
  {
    key: "delta",
    name: "Waterbedrijf Delta",
    domain: "waterbedrijfdelta.nl",
    people: ["Kees Mulder", "Ingrid de Groot", "Bram Bos", "Noor Vos", "Daan Peters", "Sophie Hendriks", "Jeroen van Leeuwen", "Marieke Dekker", "Youssef Bouzid"],
  },
  {
    key: "brug",
    name: "Ingenieursbureau Brug",
    domain: "ingenieursbureaubrug.nl",
    people: ["Laura Brouwer", "Martijn de Wit", "Femke Dijkstra", "Sven Smits", "Iris de Graaf", "Hugo van der Meer", "Zoë Koster", "Wouter Prins"],
  },
];

/** The first person of the first organisation installs the bot and becomes its admin. */
export const DEMO_ADMIN: DemoPerson = { org: "gemeente", index: 0 };
/** One steering-committee member per partner besides the admin. */
export const DEMO_STEERING: readonly DemoPerson[] = [
  { org: "delta", index: 0 },
  { org: "brug", index: 0 },
];

/** Who delivers to whom, in turn: every direction equally often, so give and take stays balanced. */
export const DEMO_DIRECTIONS: ReadonlyArray<readonly [DemoOrgKey, DemoOrgKey]> = [
  ["gemeente", "delta"],
  ["delta", "brug"],
  ["brug", "gemeente"],
  ["delta", "gemeente"],
  ["gemeente", "brug"],
  ["brug", "delta"],
];

/** Agreements the partners make, with a definition of done. */
export const DEMO_AGREEMENTS: ReadonlyArray<{ text: string; done: string }> = [
  { text: "Grondwatermetingen Noordkade aanleveren", done: "Meetreeks van alle peilbuizen als CSV in de projectmap" },
  { text: "Conceptontwerp waterberging Stadspark delen", done: "PDF met tekeningen en doorsneden gedeeld" },
  { text: "Vergunningsaanvraag gemaal indienen", done: "Aanvraag ingediend in het Omgevingsloket" },
  { text: "Kostenraming fase 2 opstellen", done: "Raming met onderbouwing besproken in het projectteam" },
  { text: "Bewonersavond Havenkwartier voorbereiden", done: "Programma, zaal en uitnodiging klaar" },
  { text: "Risicoanalyse dijkversterking actualiseren", done: "Bijgewerkte risicolijst in de projectmap" },
  { text: "Data riooloverstorten 2025 delen", done: "Export van alle overstortmeldingen gedeeld" },
  { text: "Planning uitvoering Kadeweg afstemmen", done: "Gezamenlijke planning vastgesteld" },
  { text: "Advies hittestress schoolpleinen opleveren", done: "Adviesnotitie met maatregelen per school" },
  { text: "Subsidieaanvraag klimaatadaptatie schrijven", done: "Aanvraag klaar voor ondertekening" },
  { text: "Inspectierapport duikers Oostpolder opleveren", done: "Rapport met foto's en prioriteiten" },
  { text: "Afspraken beheer groene daken vastleggen", done: "Beheerovereenkomst in concept" },
  { text: "Hoogtekaart binnenstad bijwerken", done: "Nieuwe AHN-kaart in de viewer" },
  { text: "Communicatieplan werkzaamheden opstellen", done: "Plan goedgekeurd door de woordvoerders" },
  { text: "Ontwerp wadi Spoorzone reviewen", done: "Reviewcommentaar teruggestuurd" },
  { text: "Monitoringsplan waterkwaliteit uitwerken", done: "Plan met meetpunten en frequentie" },
];

/** The member's display name. */
export function personName(person: DemoPerson): string {
  return organizationOf(person.org).people[person.index] ?? "?";
}

/** The organisation with `key`. */
export function organizationOf(key: DemoOrgKey): DemoOrganization {
  const org = DEMO_ORGANIZATIONS.find((o) => o.key === key);
  if (!org) throw new Error(`unknown demo organisation ${key}`);
  return org;
}

/** Everyone in the demo, organisation by organisation. */
export function allPeople(): DemoPerson[] {
  return DEMO_ORGANIZATIONS.flatMap((org) => org.people.map((_, index) => ({ org: org.key, index })));
}

/** A stable string key for maps. */
export const personKey = (p: DemoPerson) => `${p.org}:${p.index}`;

/** The member's e-mail address (how setup maps them to their organisation). */
export function personEmail(person: DemoPerson): string {
  const name = personName(person)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
  return `${name}@${organizationOf(person.org).domain}`;
}

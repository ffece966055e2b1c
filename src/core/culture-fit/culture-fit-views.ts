/**
 * Culture-fit views: the assessment form (six aspects × four statements, 100 points each for now
 * and preferred, problems shown in place) and the result (profiles, wished-for change, partner
 * differences, radar data). Texts are already translated.
 */
import { translator, type MessageKey, type Translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { CultureFitFigures, CultureProfileFigures } from "./culture-fit-figures.js";
import type { CulturePointsInput, CulturePointsIssue } from "./culture-validation.js";
import { ASPECTS, CULTURE_VIEWS, DIFFERENCE_ITEMS, POINTS_PER_ASPECT, QUADRANTS, type Aspect, type CultureView, type DifferenceItem, type Quadrant } from "./cvf-instrument.js";

/** One aspect of the form with its four statements and, per view, the points so far. */
export interface CultureFormAspectView {
  aspect: Aspect;
  title: string;
  statements: Array<{ quadrant: Quadrant; text: string }>;
  values: Record<CultureView, Record<Quadrant, number | null>>;
  /** Per view: "20 points left" / "5 points too many" / null when exactly 100. */
  remaining: Record<CultureView, string | null>;
  /** Per view: the problem to show next to this aspect, or null. */
  errors: Record<CultureView, string | null>;
}

/** The culture assessment form. */
export interface CultureAssessmentFormView {
  kind: "culture.assessment-form";
  locale: Locale;
  periodKey: string;
  title: string;
  intro: string;
  views: Array<{ view: CultureView; label: string }>;
  aspects: CultureFormAspectView[];
  differences: {
    title: string;
    hint: string;
    cantSayLabel: string;
    items: Array<{ item: DifferenceItem; text: string; value: number | null | undefined }>;
  };
  /** Problems not tied to one aspect (unknown aspects), or null. */
  formError: string | null;
  submitLabel: string;
}

/** One organisation in the result. */
export interface CultureResultOrganizationView {
  organizationId: string | null;
  name: string;
  /** Null when the profile is shown; the explanation when hidden. */
  hiddenText: string | null;
  profile: CultureProfileFigures | null;
  lines: string[];
}

/** The culture-fit result for the alliance. */
export interface CultureResultView {
  kind: "culture.result";
  locale: Locale;
  title: string;
  periodKey: string | null;
  /** Shown instead of everything else when nobody took part yet. */
  emptyText: string | null;
  organizations: CultureResultOrganizationView[];
  /** "Distance between Alpha and Beta: 13.3 out of 100" and the flagged quadrants. */
  differenceLines: string[];
  maturityText: string | null;
  /** For the radar ("kite") chart: axis labels and the published series. */
  radar: { axes: Array<{ quadrant: Quadrant; label: string }>; series: CultureFitFigures["radar"]["series"] };
}

/** Every culture-fit view kind. */
export type CultureFitView = CultureAssessmentFormView | CultureResultView;

const aspectTitle = (t: Translator, aspect: string) =>
  (ASPECTS as readonly string[]).includes(aspect) ? t(`culture.aspect.${aspect as Aspect}`) : aspect;

function issueText(t: Translator, issue: CulturePointsIssue): string {
  return t(`culture.issue.${issue.code}` as MessageKey, {
    aspect: aspectTitle(t, issue.aspect),
    view: t(`culture.view.${issue.view}`),
    sum: issue.sum ?? "",
  });
}

/** Builds the form, prefilled with `values` and showing `issues` next to their aspects. */
export function buildCultureFormView(options: {
  locale: Locale;
  k: number;
  organizationName: string;
  periodKey: string;
  values?: CulturePointsInput;
  differences?: Partial<Record<DifferenceItem, number | null>>;
  issues?: readonly CulturePointsIssue[];
}): CultureAssessmentFormView {
  const t = translator(options.locale);
  const issues = options.issues ?? [];
  const aspects = ASPECTS.map((aspect): CultureFormAspectView => {
    const values = {} as CultureFormAspectView["values"];
    const remaining = {} as CultureFormAspectView["remaining"];
    const errors = {} as CultureFormAspectView["errors"];
    for (const view of CULTURE_VIEWS) {
      const split = options.values?.[view]?.[aspect] ?? {};
      values[view] = Object.fromEntries(
        QUADRANTS.map((q) => [q, typeof split[q] === "number" ? (split[q] as number) : null]),
      ) as Record<Quadrant, number | null>;
      const sum = QUADRANTS.reduce((s, q) => s + (values[view][q] ?? 0), 0);
      remaining[view] =
        sum === POINTS_PER_ASPECT
          ? null
          : sum < POINTS_PER_ASPECT
            ? t("culture.form.pointsLeft", { left: POINTS_PER_ASPECT - sum })
            : t("culture.form.pointsOver", { over: sum - POINTS_PER_ASPECT });
      const issue = issues.find((i) => i.view === view && i.aspect === aspect);
      errors[view] = issue ? issueText(t, issue) : null;
    }
    return {
      aspect,
      title: t(`culture.aspect.${aspect}`),
      statements: QUADRANTS.map((quadrant) => ({ quadrant, text: t(`culture.statement.${aspect}.${quadrant}`) })),
      values,
      remaining,
      errors,
    };
  });
  const unknown = issues.filter((i) => i.code === "CULTURE_UNKNOWN_ASPECT");
  return {
    kind: "culture.assessment-form",
    locale: options.locale,
    periodKey: options.periodKey,
    title: t("culture.form.title", { organization: options.organizationName }),
    intro: t("culture.form.intro", { k: options.k }),
    views: CULTURE_VIEWS.map((view) => ({ view, label: t(`culture.view.${view}`) })),
    aspects,
    differences: {
      title: t("culture.form.differencesTitle"),
      hint: t("culture.form.scaleHint"),
      cantSayLabel: t("culture.form.cantSay"),
      items: DIFFERENCE_ITEMS.map((item) => ({ item, text: t(`culture.difference.${item}`), value: options.differences?.[item] })),
    },
    formError: unknown.length ? unknown.map((i) => issueText(t, i)).join(" ") : null,
    submitLabel: t("common.submit"),
  };
}

const fmt = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
const plain = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 1 }).format(value);

function profileLines(t: Translator, locale: Locale, profile: CultureProfileFigures, threshold: number): string[] {
  const type = profile.dominantNow.map((q) => t(`culture.quadrant.${q}`)).join(" / ");
  const changes = profile.shiftFlags.map((q) => `${t(`culture.quadrant.${q}`)} ${fmt(profile.shift[q], locale)}`).join(", ");
  return [
    t("culture.result.dominant", { type }),
    changes ? t("culture.result.shift", { changes }) : t("culture.result.noShift", { threshold }),
    t("culture.result.congruence", { percent: Math.round(profile.congruenceNow * 100) }),
  ];
}

/** Builds the result view from the published figures. */
export function buildCultureResultView(figures: CultureFitFigures, locale: Locale): CultureResultView {
  const t = translator(locale);
  const names = new Map(figures.organizations.map((o) => [o.organizationId, o.name]));
  const organizations: CultureResultOrganizationView[] = [];
  if (figures.alliance?.kind === "profile") {
    const profile = figures.alliance;
    organizations.push({
      organizationId: null,
      name: t("culture.result.alliance"),
      hiddenText: null,
      profile,
      lines: profileLines(t, locale, profile, figures.threshold),
    });
  }
  for (const org of figures.organizations) {
    if (org.profile === null) continue;
    organizations.push({
      organizationId: org.organizationId,
      name: org.name,
      hiddenText: org.profile.kind === "hidden" ? t("culture.result.hidden", { organization: org.name, k: figures.k }) : null,
      profile: org.profile.kind === "profile" ? org.profile : null,
      lines: org.profile.kind === "profile" ? profileLines(t, locale, org.profile, figures.threshold) : [],
    });
  }
  const differenceLines: string[] = [];
  for (const diff of figures.differences.filter((d) => d.view === "now")) {
    const a = names.get(diff.a) ?? diff.a;
    const b = names.get(diff.b) ?? diff.b;
    differenceLines.push(t("culture.result.distance", { a, b, distance: plain(diff.distance, locale) }));
    for (const q of diff.flags) {
      differenceLines.push(t("culture.result.flag", { quadrant: t(`culture.quadrant.${q}`), a, b, delta: fmt(diff.delta[q], locale) }));
    }
  }
  const maturity = figures.maturity.overall;
  return {
    kind: "culture.result",
    locale,
    title: t("culture.result.title"),
    periodKey: figures.periodKey,
    emptyText: figures.respondents === 0 ? t("culture.result.none") : null,
    organizations,
    differenceLines,
    maturityText: maturity?.kind === "score" ? t("culture.result.maturity", { score: Math.round(maturity.score) }) : null,
    radar: {
      axes: QUADRANTS.map((quadrant) => ({ quadrant, label: t(`culture.quadrant.${quadrant}`) })),
      series: figures.radar.series,
    },
  };
}

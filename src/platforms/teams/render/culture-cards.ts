// The culture-fit assessment and its result. The form has six aspects with four statements; per
// statement two number inputs (now / preferred) that must add up to 100 per aspect and view. The
// points left per aspect and any problem are shown in place after a submit. The result's radar
// ("kite") has no Teams chart element, so it is drawn as grouped bars per quadrant.
import type { CardElement } from "@microsoft/teams.cards";
import type { CultureAssessmentFormView, CultureResultView } from "#core/culture-fit/culture-fit-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { button, card, column, container, errorText, heading, note, text } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Verbs of the culture cards. */
export const CULTURE_VERBS = { submit: "culture.submit" } as const;
/** The difference items' "can't say" choice. */
export const CULTURE_CANT_SAY = "cantSay";

const numberInput = (id: string, value: number | null): CardElement =>
  ({ type: "Input.Number", id, min: 0, max: 100, placeholder: "0", ...(value !== null ? { value } : {}) }) as CardElement;

/** The assessment form. */
export function renderCultureFormCard(view: CultureAssessmentFormView): CardRender {
  const body: CardElement[] = [heading(view.title), text(view.intro, { size: "Small" })];
  if (view.formError) body.push(errorText(view.formError));
  const header: CardElement = {
    type: "ColumnSet",
    columns: [column([], "stretch"), ...view.views.map((v) => column([text(v.label, { weight: "Bolder", size: "Small", horizontalAlignment: "Center" })], "80px"))],
  } as CardElement;
  for (const aspect of view.aspects) {
    const rows: CardElement[] = [text(aspect.title, { weight: "Bolder" }), header];
    for (const statement of aspect.statements) {
      rows.push({
        type: "ColumnSet",
        spacing: "Small",
        columns: [
          column([text(statement.text, { size: "Small" })], "stretch", { verticalContentAlignment: "Center" }),
          ...view.views.map((v) => column([numberInput(`${v.view}.${aspect.aspect}.${statement.quadrant}`, aspect.values[v.view][statement.quadrant])], "80px")),
        ],
      } as CardElement);
    }
    for (const v of view.views) {
      if (aspect.errors[v.view]) rows.push(errorText(aspect.errors[v.view] as string));
      else if (aspect.remaining[v.view]) rows.push(note(`${v.label}: ${aspect.remaining[v.view]}`));
    }
    body.push(container(rows, { separator: true }));
  }
  const differences: CardElement[] = [text(view.differences.title, { weight: "Bolder" }), note(view.differences.hint)];
  for (const item of view.differences.items) {
    differences.push({
      type: "Input.ChoiceSet",
      id: `diff.${item.item}`,
      label: item.text,
      style: "compact",
      choices: [...[1, 2, 3, 4, 5].map((n) => ({ title: String(n), value: String(n) })), { title: view.differences.cantSayLabel, value: CULTURE_CANT_SAY }],
      ...(item.value === null ? { value: CULTURE_CANT_SAY } : item.value !== undefined ? { value: String(item.value) } : {}),
    } as CardElement);
  }
  body.push(container(differences, { separator: true }));
  return {
    card: card(body, [button(view.submitLabel, { verb: CULTURE_VERBS.submit, periodKey: view.periodKey }, { style: "positive" })], { fullWidth: true }),
    summary: view.title,
  };
}

/** The published result with the radar as grouped bars (text fallback per organisation). */
export function renderCultureResultCard(view: CultureResultView): CardRender {
  const body: CardElement[] = [heading(view.title)];
  if (view.emptyText) return { card: card([...body, text(view.emptyText)]), summary: view.title };
  for (const org of view.organizations) {
    body.push(container([text(org.name, { weight: "Bolder" }), ...(org.hiddenText ? [note(org.hiddenText)] : org.lines.map((line) => text(line, { size: "Small" })))], { separator: true }));
  }
  if (view.differenceLines.length > 0) body.push(container(view.differenceLines.map((line) => text(line, { size: "Small" })), { separator: true }));
  if (view.maturityText) body.push(note(view.maturityText));
  if (view.radar.series.length > 0) {
    const allianceLabel = translate(view.locale, "culture.result.alliance");
    body.push({
      type: "Chart.VerticalBar.Grouped",
      title: view.title,
      yMin: 0,
      yMax: 100,
      data: view.radar.series.map((series) => ({
        legend: `${series.label ?? allianceLabel} · ${translate(view.locale, `culture.view.${series.view}`)}`,
        values: view.radar.axes.map((axis, i) => ({ x: axis.label, y: Math.round(series.values[i] ?? 0) })),
      })),
      fallback: note(view.radar.series.map((s) => `${s.label ?? allianceLabel} (${s.view}): ${s.values.map((v) => Math.round(v)).join(" / ")}`).join(" · ")),
    } as CardElement);
  }
  return { card: card(body, [], { fullWidth: true }), summary: view.title };
}

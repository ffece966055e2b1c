// Small readers for what the bot sent: the Adaptive Card of a recorded request, its text, its
// buttons, and the invoke response of an Action.Execute.
import type { RecordedRequest } from "../../../fakes/fake-bot-connector.js";

/** The Adaptive Card attached to a sent message, or undefined. */
export function cardOf(request: RecordedRequest | undefined): any {
  return request?.body?.attachments?.find((a: any) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}

/** All TextBlock texts and facts of a card (recursively), joined with newlines. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "TextBlock" && typeof n.text === "string") out.push(n.text);
    if (n.type === "FactSet" && Array.isArray(n.facts)) for (const f of n.facts as Array<{ title: string; value: string }>) out.push(`${f.title}: ${f.value}`);
    for (const value of Object.values(n)) if (typeof value === "object") walk(value);
  };
  walk(card);
  return out.join("\n");
}

/** Every Action.Execute in a card (including inside ShowCard), as { title, verb, data }. */
export function executeActions(card: unknown): Array<{ title: string; verb: string; data: Record<string, string> }> {
  const out: Array<{ title: string; verb: string; data: Record<string, string> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, any>;
    if (n.type === "Action.Execute") out.push({ title: n.title, verb: n.verb, data: n.data });
    for (const [key, value] of Object.entries(n)) if (key !== "fallback" && typeof value === "object") walk(value);
  };
  walk(card);
  return out;
}

/** The ids of the inputs of a card. */
export function inputIds(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, any>;
    if (typeof n.type === "string" && n.type.startsWith("Input.") && n.id) out.push(n.id);
    for (const value of Object.values(n)) if (typeof value === "object") walk(value);
  };
  walk(card);
  return out;
}

/** The card an Action.Execute invoke answered with. */
export function invokeCard(response: { status: number; body: any }): any {
  if (response.body?.type !== "application/vnd.microsoft.card.adaptive") {
    throw new Error(`expected a card response, got ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  return response.body.value;
}

/** The buttons a card shows (its Action.Execute actions, leaving out its refresh clause). */
export function buttonActions(card: unknown): ReturnType<typeof executeActions> {
  return card && typeof card === "object" ? executeActions({ ...(card as Record<string, unknown>), refresh: undefined }) : [];
}

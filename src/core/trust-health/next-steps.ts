/**
 * Which plain-language next steps go with each diagnosis and notable event. The texts live in
 * the catalogue (messages/trust-health.ts); the model stores keys so one stored summary can be
 * rendered in any language later.
 */
import type { MessageKey } from "../i18n/catalogue.js";
import type { Diagnosis } from "./diagnosis.js";
import type { NotableEventKind } from "./notable-events.js";

const DIAGNOSIS_STEPS: Readonly<Record<Diagnosis, readonly MessageKey[]>> = {
  insufficient_data: ["trustHealth.step.insufficient_data.1", "trustHealth.step.insufficient_data.2"],
  fragile_trust: ["trustHealth.step.fragile_trust.1", "trustHealth.step.fragile_trust.2", "trustHealth.step.fragile_trust.3"],
  foundations_weak: [
    "trustHealth.step.foundations_weak.1",
    "trustHealth.step.foundations_weak.2",
    "trustHealth.step.foundations_weak.3",
    "trustHealth.step.foundations_weak.4",
  ],
  trust_lags: ["trustHealth.step.trust_lags.1", "trustHealth.step.trust_lags.2", "trustHealth.step.trust_lags.3"],
  healthy: ["trustHealth.step.healthy.1", "trustHealth.step.healthy.2", "trustHealth.step.healthy.3"],
  developing: ["trustHealth.step.developing.1", "trustHealth.step.developing.2"],
};

/** The catalogue keys of the next steps for a diagnosis, in reading order. */
export function diagnosisSteps(diagnosis: Diagnosis): readonly MessageKey[] {
  return DIAGNOSIS_STEPS[diagnosis];
}

/** The catalogue key of the next step for a kind of notable event. */
export function eventStep(kind: NotableEventKind): MessageKey {
  return `trustHealth.eventStep.${kind}`;
}

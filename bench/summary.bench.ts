// TODO(issue 12, deferred): "Weekly summary, 2,000 members, 50,000 commitments, 200,000 pulse
// answers, PostgreSQL: ≤ 300 ms, growing no faster than linearly (1/16, 1/4, full)". The summary
// model is being reworked (src/core/summary, src/core/trust-health); this row is measured once
// that lands, against the old figures on the demo alliance and randomised histories.
import { scaleRow, type Benchmark } from "./lib.js";

const benchmark: Benchmark = {
  title: "Weekly summary at scale (pending)",
  async run() {
    scaleRow({
      row: "Weekly summary, 2,000 members, 50,000 commitments, 200,000 pulse answers, PostgreSQL",
      value: "TODO: pending the summary rework",
      target: "≤ 300 ms, linear growth",
    });
    return [];
  },
};

export default benchmark;

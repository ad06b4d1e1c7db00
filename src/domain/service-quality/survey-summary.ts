/** Satisfaction results grouped by customer, engineer and month (averages to two decimals). */
export type AnsweredSurvey = {
  score: number;
  month: string;
  customerId: string;
  customerName: string;
  engineerId: string | null;
  engineerName: string | null;
};
export type SurveyGroup = { key: string; label: string; count: number; average: number };

const round2 = (n: number) => Math.round(n * 100) / 100;

function groupBy(rows: AnsweredSurvey[], key: (r: AnsweredSurvey) => [string, string]): SurveyGroup[] {
  const groups = new Map<string, { label: string; sum: number; count: number }>();
  for (const r of rows) {
    const [k, label] = key(r);
    const g = groups.get(k) ?? { label, sum: 0, count: 0 };
    g.sum += r.score;
    g.count += 1;
    groups.set(k, g);
  }
  return [...groups.entries()]
    .map(([k, g]) => ({ key: k, label: g.label, count: g.count, average: round2(g.sum / g.count) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function summarizeSurveys(rows: AnsweredSurvey[], unassignedLabel = '—') {
  const total = rows.reduce((s, r) => s + r.score, 0);
  const distribution = [1, 2, 3, 4, 5].map((score) => rows.filter((r) => r.score === score).length);
  return {
    count: rows.length,
    average: rows.length ? round2(total / rows.length) : null,
    byCustomer: groupBy(rows, (r) => [r.customerId, r.customerName]).sort((a, b) => a.label.localeCompare(b.label)),
    byEngineer: groupBy(rows, (r) => [r.engineerId ?? 'none', r.engineerName ?? unassignedLabel]),
    byMonth: groupBy(rows, (r) => [r.month, r.month]),
    distribution,
  };
}
